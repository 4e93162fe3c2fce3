import Link from "next/link";
import { CloudErrorDetails } from "@/components/drift/cloud-error-details";
import { DriftDiffTable } from "@/components/drift/drift-diff-table";
import type { CloudError } from "@/lib/clouds/adapter-types";
import { Badge } from "@/components/ui/badge";
import { JsonBlock } from "@/components/ui/json-block";
import type { TPlanOperation } from "@/lib/sync/plan/plan-dto";

const opLabel: Record<TPlanOperation["op"], string> = {
  create: "Create",
  update: "Update",
  delete: "Delete",
  "no-op": "No change",
};

const opVariant = {
  create: "primary",
  update: "warning",
  delete: "destructive",
  "no-op": "outline",
} as const;

const statusLabel: Record<TPlanOperation["status"], string> = {
  pending: "to apply",
  applying: "applying",
  applied: "applied",
  unchanged: "in sync",
  failed: "failed",
  skipped: "skipped",
  refused: "refused",
};

/** Not sent (yet): "before" is still what the cloud held when the plan read it. */
function isPlannedOnly(operation: TPlanOperation): boolean {
  return ["pending", "skipped", "refused"].includes(operation.status);
}

/** The writer's calls, one a line (an AWS change may create a provider before the policy). */
function Calls({ call }: { call: string }) {
  const calls = call.split("\n").filter(Boolean);
  if (calls.length === 1) {
    return (
      <p className="text-sm">
        Call: <code className="font-mono break-all">{calls[0]}</code>
      </p>
    );
  }
  return (
    <div className="text-sm">
      <p>Calls, in order:</p>
      <ol className="mt-1 ml-5 grid list-decimal gap-1">
        {calls.map((line) => (
          <li key={line}>
            <code className="font-mono break-all">{line}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** One planned change: what changes, the cloud object before and after, the call and its findings. */
export function PlanOperation({ operation }: { operation: TPlanOperation }) {
  const { findings } = operation;
  return (
    <li className="grid gap-3 rounded-lg border bg-card p-4">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={opVariant[operation.op]}>{opLabel[operation.op]}</Badge>
        <Badge variant={operation.status === "failed" ? "destructive" : "outline"}>
          {statusLabel[operation.status]}
        </Badge>
        {operation.bindingId ? (
          <Link className="font-medium underline" href={`/bindings/${operation.bindingId}`}>
            {operation.name}
          </Link>
        ) : (
          <span className="font-medium">{operation.name} (deleted in the catalogue)</span>
        )}
      </div>
      {operation.reason ? <p className="text-sm">{operation.reason}</p> : null}
      {operation.status === "failed" && operation.error ? (
        <CloudErrorDetails error={operation.error as CloudError} />
      ) : null}
      {operation.attempts > 1 ? (
        <p className="text-sm text-muted-foreground">Tried {operation.attempts} times.</p>
      ) : null}
      {findings.errors.length + findings.warnings.length > 0 ? (
        <ul className="grid gap-1 text-sm" aria-label="Findings">
          {findings.errors.map((finding) => (
            <li key={`e-${finding.path}-${finding.message}`}>
              <Badge variant="destructive">Error</Badge> {finding.message}
            </li>
          ))}
          {findings.warnings.map((finding) => (
            <li key={`w-${finding.path}-${finding.message}`}>
              <Badge variant="warning">Warning</Badge> {finding.message}
            </li>
          ))}
        </ul>
      ) : null}
      {operation.call ? <Calls call={operation.call} /> : null}
      {operation.differences?.length ? (
        <DriftDiffTable differences={operation.differences} />
      ) : null}
      {operation.op === "no-op" ? null : (
        <div className="grid gap-3 lg:grid-cols-2">
          <JsonBlock
            title={isPlannedOnly(operation) ? "In the cloud now" : "In the cloud when planned"}
            value={operation.before}
          />
          <JsonBlock title="After the change" value={operation.after} />
        </div>
      )}
    </li>
  );
}
