import Link from "next/link";
import type { Diagnosis } from "@/components/diagnose/types";
import { Card, CardTitle } from "@/components/ui/card";
import { VisibleText } from "@/components/ui/visible-text";
import { cn } from "@/lib/utils";

const statusText = {
  valid: { symbol: "✓", label: "Valid", style: "border-success bg-success/15" },
  invalid: {
    symbol: "✗",
    label: "Invalid",
    style: "border-destructive bg-destructive/10 text-destructive",
  },
  unverifiable: {
    symbol: "?",
    label: "Unverifiable",
    style: "border-warning-foreground/40 bg-warning text-warning-foreground",
  },
} as const;

/** The signature verdict, the keys Fedlens chose, and what in the token must not be trusted. */
export function SignatureCard({ diagnosis }: { diagnosis: Diagnosis }) {
  const { signature, issuer } = diagnosis;
  const status = statusText[signature.status];
  const checkedAgainst =
    signature.issuerId && issuer.exact?.id === signature.issuerId ? issuer.exact : null;
  const alg =
    signature.alg ?? (typeof diagnosis.header.alg === "string" ? diagnosis.header.alg : null);
  const kid =
    signature.kid ?? (typeof diagnosis.header.kid === "string" ? diagnosis.header.kid : null);
  const warnings = [
    ...new Set([
      ...diagnosis.warnings.map((warning) => warning.message),
      ...(signature.warnings ?? []),
    ]),
  ];
  return (
    <Card aria-labelledby="signature-title">
      <CardTitle id="signature-title">Signature</CardTitle>
      <p className="mb-3 flex flex-wrap items-center gap-2">
        <span
          className={cn(
            "inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-sm font-semibold",
            status.style,
          )}
        >
          <span aria-hidden>{status.symbol}</span>
          {status.label}
        </span>
      </p>
      <p className="mb-4 text-sm break-words">
        <VisibleText text={signature.message} />
      </p>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[9rem_1fr]">
        <dt className="text-muted-foreground">Checked against</dt>
        <dd>
          {checkedAgainst ? (
            <Link href={`/issuers/${checkedAgainst.id}`} className="text-primary hover:underline">
              {checkedAgainst.name}
            </Link>
          ) : signature.keysFrom ? (
            "the keys the token's issuer publishes, fetched once (it is not catalogued)"
          ) : (
            "nothing: the issuer is not catalogued and its keys could not be used"
          )}
        </dd>
        <dt className="text-muted-foreground">Key</dt>
        <dd className="font-mono text-xs break-all">
          {kid === null ? "no kid in the header" : <VisibleText text={kid} />}
        </dd>
        <dt className="text-muted-foreground">Algorithm</dt>
        <dd className="font-mono text-xs">
          {alg === null ? "none given" : <VisibleText text={alg} />}
        </dd>
        <dt className="text-muted-foreground">Keys from</dt>
        <dd className="font-mono text-xs break-all">
          <VisibleText text={signature.keysFrom ?? "—"} />
        </dd>
      </dl>
      {warnings.length ? (
        <ul
          aria-label="Token warnings"
          className="mt-4 grid gap-1 rounded-md bg-warning px-3 py-2 text-sm text-warning-foreground"
        >
          {warnings.map((warning) => (
            <li key={warning}>
              ⚠ <VisibleText text={warning} />
            </li>
          ))}
        </ul>
      ) : null}
      {diagnosis.claimIssues.length ? (
        <div className="mt-4 grid gap-1">
          <h3 className="text-sm font-medium">Claim checks</h3>
          <ul aria-label="Claim issues" className="grid gap-1 text-sm">
            {diagnosis.claimIssues.map((issue) => (
              <li
                key={`${issue.claim}-${issue.message}`}
                className={
                  issue.severity === "error" ? "text-destructive" : "text-warning-foreground"
                }
              >
                <span className="font-medium">
                  {issue.severity === "error" ? "✗ Error" : "⚠ Warning"}
                </span>{" "}
                <code className="font-mono text-xs">
                  <VisibleText text={issue.claim} />
                </code>
                : <VisibleText text={issue.message} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
