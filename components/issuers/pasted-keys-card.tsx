import { KeyFindings } from "@/components/issuers/key-findings";
import { Card, CardTitle } from "@/components/ui/card";
import type { Jwk } from "@/lib/tokens/key-match";
import { assessKey } from "@/lib/tokens/key-strength";

const text = (value: unknown) => (typeof value === "string" ? value : null);

/**
 * The keys an operator pasted for this issuer (SECURITY.md 2.3 "No-fetch
 * option"): what every signature check of its tokens uses, with no fetch.
 */
export function PastedKeysCard({ keys }: { keys: Jwk[] }) {
  return (
    <Card aria-labelledby="signing-keys-title">
      <CardTitle id="signing-keys-title">Signing keys</CardTitle>
      <p className="mb-3 text-sm text-muted-foreground">
        Pasted into the catalogue: Fedlens never fetches this issuer&apos;s keys. When the issuer
        rotates its keys, edit the issuer and paste the new set, or tokens signed with the new key
        show as having no matching key.
      </p>
      <ul aria-label="Pasted key ids" className="grid gap-0.5">
        {keys.map((key, index) => {
          const assessment = assessKey(key);
          return (
            <li key={`${text(key.kid) ?? "no-kid"}-${index}`} className="font-mono text-xs">
              {text(key.kid) ?? <em className="font-sans">no kid</em>}
              <span className="text-muted-foreground">
                {" "}
                {[text(key.kty), text(key.alg), text(key.use)].filter(Boolean).join(" ")}
              </span>
              <KeyFindings
                problem={assessment.usable ? null : assessment.problem}
                warnings={assessment.usable ? assessment.warnings : []}
              />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
