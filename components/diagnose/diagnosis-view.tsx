import type { Ref } from "react";
import { BindingResults } from "@/components/diagnose/binding-results";
import { IssuerCard } from "@/components/diagnose/issuer-card";
import { ShowOnMapLink } from "@/components/map/show-on-map-link";
import { OtherIssuers } from "@/components/diagnose/other-issuers";
import { SignatureCard } from "@/components/diagnose/signature-card";
import { TokenTables } from "@/components/diagnose/token-tables";
import { TokenTimeline } from "@/components/diagnose/token-timeline";
import type { Diagnosis, DiagnoseLabels } from "@/components/diagnose/types";
import { Timestamp } from "@/components/ui/timestamp";
import { isUndecided } from "@/lib/federation/types";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function summary(diagnosis: Diagnosis): string {
  const total = diagnosis.results.length;
  if (total === 0) return "No catalogued binding trusts this token's issuer.";
  const accepted = diagnosis.results.filter((result) => result.evaluation.accepted);
  const broad = accepted.filter((result) => result.evaluation.broad).length;
  const undecided = diagnosis.results.filter((result) =>
    isUndecided(result.evaluation.cloudError),
  ).length;
  const rejected = total - accepted.length - undecided;
  const evaluated = `${plural(total, "binding", "bindings")} evaluated`;
  const unsure = undecided > 0 ? ` Fedlens cannot tell the answer of ${undecided}.` : "";
  if (accepted.length === 0) {
    return rejected > 0
      ? `${evaluated}: none would accept this token.${unsure}`
      : `${evaluated}:${unsure}`;
  }
  return `${evaluated}: ${accepted.length} would accept this token${broad ? ` (${broad} only through a broad trust)` : ""}, ${rejected} would reject it.${unsure}`;
}

/** The whole answer for one pasted token. */
export function DiagnosisView({
  diagnosis,
  labels,
  canEdit,
  headingRef,
  exchangeToken,
}: {
  diagnosis: Diagnosis;
  labels: DiagnoseLabels;
  canEdit: boolean;
  /** The diagnosed token, kept in memory so an operator can try it on a binding. */
  exchangeToken?: string;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <section aria-labelledby="diagnosis-title" className="grid grid-cols-1 gap-6">
      <div className="grid grid-cols-1 gap-1">
        <h2
          id="diagnosis-title"
          ref={headingRef}
          tabIndex={-1}
          className="text-xl font-semibold tracking-tight focus:outline-none"
        >
          Diagnosis
        </h2>
        <p className="text-sm font-medium">{summary(diagnosis)}</p>
        <ShowOnMapLink diagnosis={diagnosis} />
        <p className="text-xs text-muted-foreground">
          Evaluated at <Timestamp iso={diagnosis.evaluatedAt} />; every verdict below uses this
          time.
        </p>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <SignatureCard diagnosis={diagnosis} />
        <IssuerCard diagnosis={diagnosis} canEdit={canEdit} />
      </div>
      <TokenTimeline claims={diagnosis.claims} evaluatedAt={diagnosis.evaluatedAt} />
      <section aria-labelledby="bindings-title" className="grid grid-cols-1 gap-4">
        <h2 id="bindings-title" className="text-lg font-semibold">
          What each cloud would do
        </h2>
        <BindingResults
          diagnosis={diagnosis}
          labels={labels}
          canEdit={canEdit}
          exchangeToken={exchangeToken}
        />
      </section>
      <TokenTables diagnosis={diagnosis} />
      <OtherIssuers issuers={diagnosis.otherIssuers} />
    </section>
  );
}
