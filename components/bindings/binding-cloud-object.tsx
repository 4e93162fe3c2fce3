import { CopyButton } from "@/components/ui/copy-button";
import { JsonBlock } from "@/components/ui/json-block";
import type { TBinding } from "@/lib/schemas/binding";

// The binding exactly as its cloud holds it (computed by findBinding), in
// the blocks an operator pastes into the cloud's console or CLI.

type AwsObject = {
  roleArn: string;
  providerUrl: string;
  providerArn: string;
  clientIds: string[];
  thumbprints: string[];
  statement: unknown;
  trustPolicy: unknown;
};

type GcpObject = Record<string, unknown> & { serviceAccountIamPolicy: unknown };

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="flex items-start justify-between gap-3 font-mono text-xs break-all">
            <span>{value || "—"}</span>
            {value ? <CopyButton text={value} label={`Copy ${label}`} /> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function BindingCloudObject({ binding }: { binding: TBinding }) {
  const object = binding.cloudObject;
  if (object === undefined || object === null) return null;
  if (binding.cloud === "azure") {
    return (
      <div className="grid gap-3">
        <p className="text-sm text-muted-foreground">
          {binding.target.kind === "azure-uami"
            ? "On the user-assigned managed identity, as Azure Resource Manager holds it."
            : "On the app registration, as Microsoft Graph holds it."}
        </p>
        <JsonBlock value={object} title="Federated credential" />
      </div>
    );
  }
  if (binding.cloud === "aws") {
    const aws = object as AwsObject;
    return (
      <div className="grid gap-5">
        <Facts
          rows={[
            ["Role ARN", aws.roleArn],
            ["Provider URL", aws.providerUrl],
            ["Provider ARN", aws.providerArn],
            ["Client ids", aws.clientIds.join(", ")],
            ["Thumbprints", aws.thumbprints.join(", ")],
          ]}
        />
        <p className="text-sm text-muted-foreground">
          This binding owns one statement of the role&apos;s trust policy, found by its Sid; the
          policy below holds it beside the statements of the role&apos;s other bindings.
        </p>
        <JsonBlock value={aws.statement} title="Statement" />
        <JsonBlock value={aws.trustPolicy} title="Trust policy" />
      </div>
    );
  }
  const { serviceAccountIamPolicy, ...provider } = object as GcpObject;
  return (
    <div className="grid gap-5">
      <Facts
        rows={[["Member", typeof binding.spec.member === "string" ? binding.spec.member : ""]]}
      />
      <p className="text-sm text-muted-foreground">
        The service account&apos;s IAM policy binding with every member Fedlens knows of, and the
        provider whose identities the members name.
      </p>
      <JsonBlock value={serviceAccountIamPolicy} title="IAM binding" />
      <JsonBlock value={provider} title="Provider" />
    </div>
  );
}
