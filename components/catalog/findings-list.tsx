import { Alert } from "@/components/ui/alert";
import type { Finding } from "@/lib/catalog/findings";
import { describeFinding } from "@/lib/catalog/findings-labels";

/** Warnings about a trust: what the cloud would do at exchange time, or a risk. */
export function FindingsList({
  findings,
  title = "Warnings",
}: {
  findings: Finding[];
  title?: string;
}) {
  if (findings.length === 0) return null;
  return (
    <Alert variant="warning">
      <p className="mb-1 font-medium">{title}</p>
      <ul className="grid gap-1">
        {findings.map((finding) => {
          const { label, message } = describeFinding(finding);
          return (
            <li key={`${finding.path}:${finding.message}`}>
              ⚠ {label ? <span className="font-medium">{label}: </span> : null}
              {message}
            </li>
          );
        })}
      </ul>
    </Alert>
  );
}
