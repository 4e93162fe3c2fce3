import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { issuerUrlWarnings } from "@/lib/catalog/issuer-url-warnings";
import { inferIssuerKind, proposedIssuerName } from "@/lib/sync/import/infer-issuer-kind";
import type { TIssuerPlan } from "@/lib/sync/import/import-schemas";
import type { NameBook } from "@/lib/sync/import/name-book";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { ZIssuerUrl } from "@/lib/schemas/issuer";

export type CatalogIssuer = { id: string; name: string; issuerUrl: string; kind: IssuerKind };

/** The issuer of an imported binding, by its exact `iss` (never normalised: clouds compare it byte for byte). */
export function issuerPlanner(issuers: CatalogIssuer[], names: NameBook) {
  const byUrl = new Map(issuers.map((issuer) => [issuer.issuerUrl, issuer]));
  const planned = new Map<string, TIssuerPlan>();
  return (issuerUrl: string): TIssuerPlan => {
    const known = planned.get(issuerUrl);
    if (known) return known;
    const existing = byUrl.get(issuerUrl);
    let plan: TIssuerPlan;
    if (existing) {
      plan = { status: "catalogued", ...existing, findings: { errors: [], warnings: [] } };
    } else {
      const kind = inferIssuerKind(issuerUrl);
      const parsed = ZIssuerUrl.safeParse(issuerUrl);
      plan = {
        status: "new",
        id: null,
        name: names.claim(proposedIssuerName(issuerUrl, kind)),
        issuerUrl,
        kind,
        findings: {
          errors: parsed.success
            ? []
            : invalidParamsFrom(parsed.error).map((param) => ({
                path: "issuerUrl",
                message: `The issuer URL ${param.reason}.`,
              })),
          warnings: issuerUrlWarnings(issuerUrl, kind).map((message) => ({
            path: "issuerUrl",
            message,
          })),
        },
      };
    }
    planned.set(issuerUrl, plan);
    return plan;
  };
}
