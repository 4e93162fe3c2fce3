import Link from "next/link";
import { ConfusableIssuers } from "@/components/diagnose/confusable-issuers";
import { issuerDifference } from "@/components/diagnose/issuer-difference";
import type { Diagnosis } from "@/components/diagnose/types";
import { ValueDiff } from "@/components/diagnose/value-diff";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { VisibleText } from "@/components/ui/visible-text";
import { isConfusable } from "@/lib/tokens/confusables";
import { cn } from "@/lib/utils";

const link = "text-primary hover:underline";

/** The token's iss against the catalogue: the exact entry, or the look-alikes that explain a failure. */
export function IssuerCard({ diagnosis, canEdit }: { diagnosis: Diagnosis; canEdit: boolean }) {
  const iss = typeof diagnosis.claims.iss === "string" ? diagnosis.claims.iss : null;
  const { exact, nearMisses } = diagnosis.issuer;
  return (
    <Card aria-labelledby="issuer-title">
      <CardTitle id="issuer-title">Issuer</CardTitle>
      <p className="mb-3 font-mono text-xs break-all">
        {iss === null ? (
          "The token has no iss claim (or it is not a string)."
        ) : (
          <VisibleText text={iss} />
        )}
      </p>
      {exact ? (
        <p className="text-sm">
          <span className="font-medium">✓ Catalogued</span> as{" "}
          <Link href={`/issuers/${exact.id}`} className={link}>
            {exact.name}
          </Link>
          , an exact match.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-3 text-sm">
          <p>
            <span className="font-medium">✗ Not catalogued.</span> No issuer in the catalogue has
            exactly this URL{nearMisses.length ? "; the nearest are below." : "."}
          </p>
          {canEdit ? (
            <Link
              href={iss ? `/issuers/new?issuerUrl=${encodeURIComponent(iss)}` : "/issuers/new"}
              className={cn(buttonVariants({ variant: "outline", size: "sm" }), "w-fit")}
            >
              Add this issuer
            </Link>
          ) : null}
        </div>
      )}
      {nearMisses.length ? (
        <div className="mt-4 grid gap-2">
          <h3 className="text-sm font-medium">Near misses</h3>
          <ul aria-label="Near-miss issuers" className="grid grid-cols-1 gap-3">
            {nearMisses.map((issuer) => (
              <li key={issuer.id} className="grid grid-cols-1 gap-1 text-sm">
                <p>
                  <Link href={`/issuers/${issuer.id}`} className={link}>
                    {issuer.name}
                  </Link>{" "}
                  {iss === null ? null : (
                    <span className="text-muted-foreground">
                      {issuerDifference(iss, issuer.issuerUrl)}
                    </span>
                  )}
                </p>
                <ValueDiff
                  expected={issuer.issuerUrl}
                  actual={iss}
                  labels={["Catalogued", "Token's iss"]}
                />
                {iss !== null && isConfusable(iss, issuer.issuerUrl) ? (
                  <ConfusableIssuers iss={iss} catalogued={issuer.issuerUrl} />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
