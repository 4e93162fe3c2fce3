import Link from "next/link";
import type { Diagnosis } from "@/components/diagnose/types";
import { Card, CardTitle } from "@/components/ui/card";

/** The server lists at most this many (lib/diagnose/diagnose-token.ts). */
const listedAtMost = 20;

/** Issuers whose bindings were not evaluated, summarised rather than hidden. */
export function OtherIssuers({ issuers }: { issuers: Diagnosis["otherIssuers"] }) {
  return (
    <Card aria-labelledby="other-issuers-title">
      <CardTitle id="other-issuers-title">Other issuers in the catalogue</CardTitle>
      {issuers.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          None: every catalogued issuer was considered.
        </p>
      ) : (
        <>
          <p className="mb-3 text-sm text-muted-foreground">
            Their bindings were not evaluated: a cloud would not even look at them for this token,
            whose issuer is different.
          </p>
          <ul className="grid gap-1 text-sm">
            {issuers.map((issuer) => (
              <li key={issuer.id} className="flex flex-wrap gap-x-3">
                <Link href={`/issuers/${issuer.id}`} className="text-primary hover:underline">
                  {issuer.name}
                </Link>
                <code className="font-mono text-xs break-all text-muted-foreground">
                  {issuer.issuerUrl}
                </code>
              </li>
            ))}
          </ul>
          {issuers.length >= listedAtMost ? (
            <p className="mt-3 text-sm">
              Showing the first {listedAtMost}.{" "}
              <Link href="/issuers" className="text-primary hover:underline">
                All issuers →
              </Link>
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}
