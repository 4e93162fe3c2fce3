import type { ReactNode } from "react";
import { KeyFindings } from "@/components/issuers/key-findings";
import { Card, CardTitle } from "@/components/ui/card";
import { Timestamp } from "@/components/ui/timestamp";
import type { TIssuerKeyHealth } from "@/lib/catalog/issuers/issuer-key-health";
import { cn } from "@/lib/utils";

/**
 * The issuer's signing keys as Fedlens last fetched them (issue 4 item 2):
 * the health of the key source every signature check of its tokens uses.
 */
export function IssuerKeyHealth({
  health,
  jwksOverride,
  checkButton,
}: {
  health: TIssuerKeyHealth | null;
  /** The issuer's JWKS override, to tell when the stored keys came from elsewhere. */
  jwksOverride: string | null;
  /** The "Check now" control, for operators only. */
  checkButton?: ReactNode;
}) {
  const sourceChanged = health !== null && jwksOverride !== null && health.jwksUri !== jwksOverride;
  return (
    <Card aria-labelledby="signing-keys-title">
      <CardTitle id="signing-keys-title">Signing keys</CardTitle>
      {health === null ? (
        <p className="mb-4 text-sm text-muted-foreground last:mb-0">
          Not checked yet: Fedlens fetches the keys the first time it verifies a token of this
          issuer.
        </p>
      ) : (
        <dl className="mb-4 grid gap-x-6 gap-y-3 text-sm last:mb-0 sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted-foreground">Last check</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <span
              className={cn(
                "inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-semibold",
                health.ok
                  ? "border-success bg-success/15"
                  : "border-destructive bg-destructive/10 text-destructive",
              )}
            >
              <span aria-hidden>{health.ok ? "✓" : "✗"}</span>
              {health.ok ? "OK" : "Error"}
            </span>
            <Timestamp iso={health.checkedAt} />
          </dd>
          <dt className="text-muted-foreground">HTTP status</dt>
          <dd>{health.httpStatus ?? "—"}</dd>
          <dt className="text-muted-foreground">Latency</dt>
          <dd>{health.latencyMs === null ? "—" : `${health.latencyMs} ms`}</dd>
          <dt className="text-muted-foreground">JWKS URL</dt>
          <dd className="font-mono break-all">{health.jwksUri ?? "—"}</dd>
          <dt className="text-muted-foreground">Keys held</dt>
          <dd>
            {health.keyCount === 0 ? (
              "none"
            ) : (
              <>
                {health.keyCount} {health.keyCount === 1 ? "key" : "keys"}
                {health.fetchedAt ? (
                  <>
                    , fetched <Timestamp iso={health.fetchedAt} />
                  </>
                ) : null}
                <ul aria-label="Key ids" className="mt-1 grid gap-0.5">
                  {health.keys.map((key, index) => (
                    <li key={`${key.kid ?? "no-kid"}-${index}`} className="font-mono text-xs">
                      {key.kid ?? <em className="font-sans">no kid</em>}
                      <span className="text-muted-foreground">
                        {" "}
                        {[key.kty, key.alg].filter(Boolean).join(" ")}
                      </span>
                      <KeyFindings problem={key.problem} warnings={key.warnings} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </dd>
          {health.ok && !health.lastError ? null : (
            <>
              <dt className="text-muted-foreground">{health.ok ? "Note" : "Last error"}</dt>
              <dd className={cn("break-words", !health.ok && "text-destructive")}>
                {health.lastError}
              </dd>
            </>
          )}
        </dl>
      )}
      {sourceChanged ? (
        <p className="mb-4 rounded-md bg-warning px-3 py-2 text-sm text-warning-foreground">
          ⚠ These keys came from {health.jwksUri ?? "discovery"}, but the JWKS override is now{" "}
          {jwksOverride}; the next check fetches from the override.
        </p>
      ) : null}
      {health !== null &&
      !health.ok &&
      health.fetchedAt &&
      health.keyCount > 0 &&
      !sourceChanged ? (
        <p className="mb-4 text-sm text-muted-foreground">
          Signatures are still checked with the last keys fetched successfully.
        </p>
      ) : null}
      {checkButton}
    </Card>
  );
}
