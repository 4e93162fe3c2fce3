import Link from "next/link";
import type { ReactNode } from "react";
import { SeverityBadge } from "@/components/risk/severity-badge";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { JsonBlock } from "@/components/ui/json-block";
import { Timestamp } from "@/components/ui/timestamp";
import { cloudLabels } from "@/lib/clouds/cloud-labels";
import type { TRiskFinding } from "@/lib/schemas/risk";

const entityLabels = { binding: "Binding", target: "Cloud target", issuer: "Issuer" } as const;

/** One finding: what, where, why, the page it rests on, the fix and its acceptance. */
export function FindingCard({
  finding,
  canEdit,
  acceptForm,
}: {
  finding: TRiskFinding;
  canEdit: boolean;
  acceptForm?: ReactNode;
}) {
  const { entity, fix, acceptance } = finding;
  return (
    <Card className="grid gap-3" aria-labelledby={`finding-${finding.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={finding.severity} />
        {finding.cloud ? <Badge variant="outline">{cloudLabels[finding.cloud]}</Badge> : null}
        <h3 id={`finding-${finding.id}`} className="text-base font-medium">
          {finding.title}
        </h3>
      </div>
      <p className="text-sm">
        {entityLabels[entity.type]}{" "}
        <Link href={entity.href} className="font-medium underline">
          {entity.name}
        </Link>
        {finding.field ? <> · {finding.field}</> : null}
      </p>
      <p className="text-sm">{finding.why}</p>
      <p className="text-xs text-muted-foreground">
        Rests on{" "}
        <a href={finding.source.url} className="underline" rel="noreferrer" target="_blank">
          {finding.source.title}
        </a>
      </p>
      {fix ? (
        <details className="grid gap-2">
          <summary className="cursor-pointer text-sm font-medium">Fix: {fix.summary}</summary>
          <JsonBlock value={fix.cloudObject} title="The object after the fix" />
          {canEdit ? (
            <Link href={fix.editHref} className={buttonVariants({ variant: "outline" })}>
              Open the edit form with this fix
            </Link>
          ) : null}
        </details>
      ) : (
        <p className="text-sm text-muted-foreground">
          No edit follows from the catalogue alone; narrow it by hand.
        </p>
      )}
      {acceptance ? (
        <p className="text-sm">
          {acceptance.active ? "Accepted" : "Was accepted"} by {acceptance.acceptedBy} until{" "}
          <Timestamp iso={acceptance.expiresAt} />
          {acceptance.active ? "" : " (expired: open again)"}: {acceptance.reason}
        </p>
      ) : null}
      {acceptForm && !acceptance?.active ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Accept this risk</summary>
          <div className="mt-2">{acceptForm}</div>
        </details>
      ) : null}
    </Card>
  );
}
