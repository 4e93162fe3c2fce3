import { SyncStateBadge } from "@/components/bindings/sync-state-badge";
import { Card, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Timestamp } from "@/components/ui/timestamp";
import type { TBinding } from "@/lib/schemas/binding";

const subjectLabels: Record<TBinding["cloud"], string> = {
  azure: "Subject or expression",
  aws: "Subject values (sub)",
  gcp: "Member",
};

/**
 * A POST /api/v1/evaluate body for this binding: the binding in the evaluate
 * shape and, to start from, claims with the workload's issuer and subject.
 */
export function whatIfBody(binding: TBinding): string {
  const claims = { iss: binding.issuerUrl, sub: binding.workload.subject };
  return JSON.stringify({ binding: binding.evaluateBinding, claims }, null, 2);
}

export function BindingDetails({ binding }: { binding: TBinding }) {
  return (
    <Card>
      <CardTitle>Details</CardTitle>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-muted-foreground">{subjectLabels[binding.cloud]}</dt>
        <dd className="font-mono break-all">
          {binding.subject || (
            <span className="font-sans text-muted-foreground">
              none: the subject is not checked
            </span>
          )}
        </dd>
        <dt className="text-muted-foreground">Issuer (iss)</dt>
        <dd className="font-mono break-all">{binding.issuerUrl}</dd>
        <dt className="text-muted-foreground">Sync state</dt>
        <dd>
          <SyncStateBadge state={binding.syncState} />
        </dd>
        <dt className="text-muted-foreground">Created</dt>
        <dd>
          <Timestamp iso={binding.createdAt} />
        </dd>
        <dt className="text-muted-foreground">Updated</dt>
        <dd>
          <Timestamp iso={binding.updatedAt} /> (version {binding.version})
        </dd>
        {binding.evaluateBinding ? (
          <>
            <dt className="text-muted-foreground">What-if</dt>
            <dd className="grid justify-items-start gap-1">
              <CopyButton text={whatIfBody(binding)} label="Copy as what-if body" />
              <span className="text-xs text-muted-foreground">
                A body for POST /api/v1/evaluate or fedlens evaluate; change the claims to try a
                token.
              </span>
            </dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}
