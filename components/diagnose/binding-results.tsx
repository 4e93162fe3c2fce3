import Link from "next/link";
import { BindingResultCard } from "@/components/diagnose/binding-result-card";
import type { Diagnosis, DiagnoseLabels } from "@/components/diagnose/types";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { Cloud } from "@/lib/clouds/types";
import { revealInvisible } from "@/lib/tokens/reveal-invisible";

function NothingTrusts({
  diagnosis,
  iss,
  canEdit,
}: {
  diagnosis: Diagnosis;
  iss: string;
  canEdit: boolean;
}) {
  const catalogued = diagnosis.issuer.exact;
  return (
    <EmptyState
      title={`Nothing in the catalogue trusts ${iss ? revealInvisible(iss) : "this token's issuer"}`}
      action={
        canEdit ? (
          <Link
            href={catalogued ? "/bindings/new" : "/issuers/new"}
            className={buttonVariants({ size: "sm" })}
          >
            {catalogued ? "Add a binding" : "Add the issuer"}
          </Link>
        ) : null
      }
    >
      No binding trusts this issuer or a look-alike of it, so no cloud in the catalogue would
      exchange the token.{" "}
      {catalogued
        ? `Add a binding for a workload of ${catalogued.name} to see how a cloud would judge it.`
        : "Catalogue the issuer, a workload and a binding to see how a cloud would judge it."}
      {canEdit ? null : " An operator can add them."}
    </EmptyState>
  );
}

/** One card per evaluated binding, grouped by cloud. */
export function BindingResults({
  diagnosis,
  labels,
  canEdit,
  exchangeToken,
}: {
  diagnosis: Diagnosis;
  labels: DiagnoseLabels;
  canEdit: boolean;
  exchangeToken?: string;
}) {
  const iss = typeof diagnosis.claims.iss === "string" ? diagnosis.claims.iss : "";
  if (diagnosis.results.length === 0) {
    return <NothingTrusts diagnosis={diagnosis} iss={iss} canEdit={canEdit} />;
  }
  const groups = (Object.keys(labels.clouds) as Cloud[])
    .map((cloud) => ({
      cloud,
      results: diagnosis.results.filter((result) => result.cloud === cloud),
    }))
    .filter((group) => group.results.length > 0);
  return (
    <div className="grid grid-cols-1 gap-8">
      {groups.map(({ cloud, results }) => {
        const accepted = results.filter((result) => result.evaluation.accepted).length;
        return (
          <section key={cloud} aria-label={labels.clouds[cloud]} className="grid grid-cols-1 gap-4">
            <h3 className="text-lg font-semibold">
              {labels.clouds[cloud]}{" "}
              <span className="text-sm font-normal text-muted-foreground">
                {accepted} of {results.length}{" "}
                {results.length === 1 ? "binding accepts" : "bindings accept"}
              </span>
            </h3>
            {results.map((result) => (
              <BindingResultCard
                key={result.bindingId}
                result={result}
                iss={iss}
                labels={labels}
                exchangeToken={exchangeToken}
              />
            ))}
          </section>
        );
      })}
    </div>
  );
}
