import type { Cloud } from "@/lib/clouds/types";

const formats: { format: string; label: string; cloud?: Cloud }[] = [
  { format: "terraform", label: "Terraform" },
  { format: "az", label: "Azure CLI", cloud: "azure" },
  { format: "aws", label: "AWS CLI", cloud: "aws" },
  { format: "gcloud", label: "gcloud", cloud: "gcp" },
];

/** Downloads of the plan as code, for teams that apply through their own pipeline. */
export function PlanExportLinks({ planId, clouds }: { planId: string; clouds: Cloud[] }) {
  const offered = formats.filter((entry) => !entry.cloud || clouds.includes(entry.cloud));
  return (
    <p className="text-sm">
      Export the changes as code:{" "}
      {offered.map((entry, index) => (
        <span key={entry.format}>
          {index > 0 ? " · " : null}
          <a
            className="underline"
            href={`/api/v1/sync/plans/${planId}/export?format=${entry.format}`}
            download
          >
            {entry.label}
          </a>
        </span>
      ))}
    </p>
  );
}
