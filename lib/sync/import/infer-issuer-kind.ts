import { issuerKinds, issuerKindTemplates, type IssuerKind } from "@/lib/catalog/issuer-kinds";

// The kind of an issuer met during an import, from its URL alone: first the
// fixed issuers the issuer form prefills (the rule "Add issuer" applies to a
// URL), then the documented shapes of per-tenant issuers (CLOUDS.md §4 and
// the shapes the issuer form shows). Anything else is generic.

const shapes: [RegExp, IssuerKind][] = [
  // GHEC with a unique issuer: https://token.actions.githubusercontent.com/<slug>
  [/^https:\/\/token\.actions\.githubusercontent\.com\/[^/]+$/, "github-actions"],
  // https://docs.github.com/en/enterprise-server/actions/reference/security/oidc
  [/^https:\/\/[^/]+\/_services\/token$/, "github-actions"],
  [/^https:\/\/app\.eu\.terraform\.io$/, "terraform-cloud"],
  [/^https:\/\/[^/]+\.oic\.prod-aks\.azure\.com\//, "kubernetes-aks"],
  [/^https:\/\/oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\/id\/[^/]+$/, "kubernetes-eks"],
  [
    /^https:\/\/container\.googleapis\.com\/v1\/projects\/[^/]+\/locations\/[^/]+\/clusters\/[^/]+$/,
    "kubernetes-gke",
  ],
  [/^https:\/\/oidc\.circleci\.com\/org\/[^/]+$/, "circleci"],
  [/^https:\/\/vstoken\.dev\.azure\.com\/[^/]+$/, "azure-devops"],
  [/^https:\/\/[^/]+\/realms\/[^/]+$/, "keycloak"],
];

export function inferIssuerKind(issuerUrl: string): IssuerKind {
  const fixed = issuerKinds.find((kind) => issuerKindTemplates[kind].defaultUrl === issuerUrl);
  if (fixed) return fixed;
  return shapes.find(([pattern]) => pattern.test(issuerUrl))?.[1] ?? "generic";
}

/** A readable name for a new issuer: the kind's label for a fixed issuer, else the URL's host and path. */
export function proposedIssuerName(issuerUrl: string, kind: IssuerKind): string {
  if (issuerKindTemplates[kind].defaultUrl === issuerUrl) return issuerKindTemplates[kind].label;
  const withoutScheme = issuerUrl.replace(/^https:\/\//, "").replace(/\/$/, "");
  return `${issuerKindTemplates[kind].label} ${withoutScheme}`.slice(0, 120);
}
