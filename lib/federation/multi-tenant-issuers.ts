// Issuers shared by every tenant of a SaaS: one `iss` and shared audiences
// for all, so only subject-level conditions tell tenants apart (CLOUDS.md
// 3.4, 5.1, 5.11).

export type SharedIssuer = "github" | "gitlab" | "terraform";

/**
 * Who can obtain tokens from a shared issuer. `enterprise` is set for a GHEC
 * unique issuer, `https://token.actions.githubusercontent.com/<slug>`
 * (CLOUDS.md §4 GitHub Actions): only that enterprise's organizations get
 * tokens from it, not every GitHub tenant.
 */
export type IssuerTenancy = { issuer: SharedIssuer; enterprise?: string };

/** The shared SaaS issuer behind this URL and who shares it, or null for a tenant's own issuer. */
export function issuerTenancyOf(issuerUrl: string): IssuerTenancy | null {
  let url: URL;
  try {
    url = new URL(issuerUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.port || url.search || url.hash) return null;
  const path = url.pathname.replace(/\/$/, "");
  if (url.hostname === "token.actions.githubusercontent.com") {
    const slug = /^\/([^/]+)$/.exec(path)?.[1];
    if (slug) return { issuer: "github", enterprise: slug };
    return path ? null : { issuer: "github" };
  }
  if (path) return null;
  if (url.hostname === "gitlab.com") return { issuer: "gitlab" };
  if (url.hostname === "app.terraform.io" || url.hostname === "app.eu.terraform.io")
    return { issuer: "terraform" };
  return null;
}
