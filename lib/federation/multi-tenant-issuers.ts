// Issuers shared by every tenant of a SaaS: one `iss` and shared audiences
// for all, so only subject-level conditions tell tenants apart (CLOUDS.md
// 3.4, 5.1, 5.11).

export type SharedIssuer = "github" | "gitlab" | "terraform";

/** Which shared SaaS issuer this URL is, or null for a tenant's own issuer. */
export function sharedIssuerOf(issuerUrl: string): SharedIssuer | null {
  let url: URL;
  try {
    url = new URL(issuerUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.port || url.search || url.hash) return null;
  const path = url.pathname.replace(/\/$/, "");
  // github.com's issuer, also with a GHEC enterprise slug (CLOUDS.md §4).
  if (url.hostname === "token.actions.githubusercontent.com" && /^(?:\/[^/]+)?$/.test(path))
    return "github";
  if (path) return null;
  if (url.hostname === "gitlab.com") return "gitlab";
  if (url.hostname === "app.terraform.io" || url.hostname === "app.eu.terraform.io")
    return "terraform";
  return null;
}
