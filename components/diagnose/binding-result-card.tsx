import Link from "next/link";
import { CheckList } from "@/components/diagnose/check-list";
import { ConfusableIssuers } from "@/components/diagnose/confusable-issuers";
import { checkLabels } from "@/components/diagnose/labels";
import type { BindingResult, DiagnoseLabels } from "@/components/diagnose/types";
import { ValueDiff } from "@/components/diagnose/value-diff";
import { TryExchangeButton } from "@/components/exchange/try-exchange-button";
import { VerdictBadge } from "@/components/diagnose/verdict-badge";
import { Badge } from "@/components/ui/badge";
import { VisibleText } from "@/components/ui/visible-text";
import { isUndecided } from "@/lib/federation/types";
import { isConfusable } from "@/lib/tokens/confusables";

const link = "text-primary hover:underline";

/** One binding as its cloud would judge the token: verdict, the cloud's error, every check. */
export function BindingResultCard({
  result,
  iss,
  labels,
  exchangeToken,
}: {
  result: BindingResult;
  iss: string;
  labels: DiagnoseLabels;
  /** The diagnosed token, for an operator's "Try exchange"; absent for others. */
  exchangeToken?: string;
}) {
  const { evaluation } = result;
  const failed = evaluation.checks.find((check) => !check.ok);
  const titleId = `binding-result-${result.bindingId}`;
  const cloud = labels.clouds[result.cloud];
  return (
    <article
      aria-labelledby={titleId}
      className="grid grid-cols-1 gap-4 rounded-lg border bg-card p-5 shadow-xs"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h4 id={titleId} className="text-base font-semibold">
            <Link href={`/bindings/${result.bindingId}`} className={link}>
              {result.bindingName}
            </Link>
          </h4>
          <p className="text-sm text-muted-foreground">
            <Link href={`/workloads/${result.workload.id}`} className={link}>
              {result.workload.name}
            </Link>
            <span aria-hidden> → </span>
            <span className="sr-only"> on </span>
            <Link href={`/targets/${result.target.id}`} className={link}>
              {result.target.name}
            </Link>{" "}
            ({labels.targetKinds[result.target.kind] ?? result.target.kind})
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {result.issuerMatch === "near" ? <Badge variant="warning">Near miss issuer</Badge> : null}
          <VerdictBadge evaluation={evaluation} />
        </div>
      </header>

      {result.issuerMatch === "near" ? (
        <div className="grid grid-cols-1 gap-1 text-sm">
          <p>
            This binding trusts a look-alike of the token&apos;s issuer; {cloud} compares the issuer
            exactly.
          </p>
          <ValueDiff expected={result.issuerUrl} actual={iss} labels={["Trusted", "Token's iss"]} />
          {isConfusable(iss, result.issuerUrl) ? (
            <ConfusableIssuers iss={iss} catalogued={result.issuerUrl} label="Trusted" />
          ) : null}
        </div>
      ) : null}

      {evaluation.cloudError ? (
        <div
          role="group"
          aria-label={`${cloud}'s answer`}
          className="rounded-md border border-destructive bg-destructive/10 px-4 py-3 text-sm"
        >
          <p className="font-medium">
            {isUndecided(evaluation.cloudError) ? (
              <>
                Fedlens cannot tell {cloud}&apos;s answer (
                <code className="font-mono">{evaluation.cloudError.code}</code>)
              </>
            ) : (
              <>
                {cloud} would answer <code className="font-mono">{evaluation.cloudError.code}</code>
              </>
            )}
            {failed ? <> at the {checkLabels[failed.check].toLowerCase()} check</> : null}
          </p>
          <p className="mt-1 break-words">
            <VisibleText text={evaluation.cloudError.message} />
          </p>
        </div>
      ) : null}

      {evaluation.caveats?.length ? (
        <div className="rounded-md bg-warning px-4 py-3 text-sm text-warning-foreground">
          <p className="font-medium">
            Unconfirmed: this verdict assumes what {cloud} does not document
          </p>
          <ul className="mt-1 grid list-disc gap-1 pl-5">
            {evaluation.caveats.map((caveat) => (
              <li key={caveat}>
                <VisibleText text={caveat} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {evaluation.broad ? (
        <p className="rounded-md bg-warning px-4 py-3 text-sm text-warning-foreground">
          <span className="font-medium">Broad trust: </span>
          <VisibleText text={evaluation.broad.reason} />
        </p>
      ) : null}

      <details open={!evaluation.accepted || Boolean(evaluation.broad)}>
        <summary className="cursor-pointer text-sm font-medium">
          {evaluation.checks.length} checks in {cloud}&apos;s order
        </summary>
        <div className="mt-3">
          <CheckList checks={evaluation.checks} label={`Checks for ${result.bindingName}`} />
        </div>
      </details>
      {exchangeToken ? (
        <TryExchangeButton token={exchangeToken} bindingId={result.bindingId} />
      ) : null}
    </article>
  );
}
