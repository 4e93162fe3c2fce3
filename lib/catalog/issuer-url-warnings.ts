import type { IssuerKind } from "@/lib/catalog/issuer-kinds";

// Slips that make a cloud reject every token while the URL still looks right.
// Clouds compare `iss` byte for byte (CLOUDS.md 1.3: AKS needs its trailing
// slash, GitHub must not have one; AWS refuses ports, CLOUDS.md 2.1), so we
// warn but store exactly what was typed.

type Rule = { applies: (url: URL, raw: string, kind: IssuerKind) => boolean; message: string };

const rules: Rule[] = [
  {
    applies: (_url, raw) => raw.endsWith("/.well-known/openid-configuration"),
    message: "This is the discovery document's URL; the issuer is the part before /.well-known.",
  },
  {
    applies: (_url, raw, kind) => kind === "kubernetes-aks" && !raw.endsWith("/"),
    message:
      "AKS issuers end with '/'. Without it Entra answers AADSTS70021 (no matching federated identity record).",
  },
  {
    applies: (url, raw, kind) =>
      raw.endsWith("/") && kind !== "kubernetes-aks" && url.pathname !== "/",
    message:
      "Ends with '/': most issuers (GitHub, GitLab, EKS, Keycloak) emit no trailing slash, and the match is exact.",
  },
  {
    applies: (url, raw) => url.pathname === "/" && raw.endsWith("/"),
    message:
      "Ends with '/': tokens from this issuer probably carry it without the slash, and the match is exact.",
  },
  {
    // URL() lower-cases the host, so look at what was typed.
    applies: (_url, raw) => /^[a-z]+:\/\/[^/]*[A-Z]/.test(raw),
    message:
      "The host has capital letters: tokens usually carry it in lower case, and the match is case-sensitive.",
  },
  {
    // URL() drops a default port such as :443, so look at what was typed.
    applies: (_url, raw) => /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/:]*):\d*(?:\/|$)/i.test(raw),
    message: "Has a port: AWS IAM refuses OIDC provider URLs with a port.",
  },
  {
    applies: (url, _raw, kind) =>
      kind === "github-actions" &&
      url.hostname === "token.actions.githubusercontent.com" &&
      url.pathname.split("/").filter(Boolean).length > 1,
    message: "GitHub's issuer has at most one path segment (a GHEC enterprise slug).",
  },
  {
    applies: (url, _raw, kind) => kind === "keycloak" && !/\/realms\/[^/]+\/?$/.test(url.pathname),
    message: "Keycloak issuers end with /realms/<realm>.",
  },
  {
    applies: (url) => /\.svc(?:\.cluster\.local)?$/.test(url.hostname),
    message: "An in-cluster address: clouds cannot fetch its keys, so federation fails.",
  },
];

export function issuerUrlWarnings(raw: string, kind: IssuerKind): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  return rules.filter((rule) => rule.applies(url, raw, kind)).map((rule) => rule.message);
}
