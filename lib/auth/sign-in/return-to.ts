// Where to go after signing in. Only a path on this console is followed, so
// the sign-in page cannot be made into an open redirect (OWASP Unvalidated
// Redirects and Forwards cheat sheet): "//evil.example" and "/\evil.example"
// resolve to another origin and are dropped.

const base = "http://fedlens.invalid";
const maxLength = 2048;

export const returnToParam = "callbackUrl";

/** Set by proxy.ts to the path and query the browser asked for, for requireRole. */
export const requestedPathHeader = "x-fedlens-path";

/** A local path with its query, or "/" for anything else. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > maxLength) return "/";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  // Back to sign-in would loop; the API answers JSON, not a page.
  if (/^\/(?:sign-in|setup|api)(?:\/|$)/.test(url.pathname)) return "/";
  // Next.js's client router adds _rsc to its own fetches of a page.
  url.searchParams.delete("_rsc");
  return `${url.pathname}${url.search}`;
}

/** The sign-in page, asking it to come back to `path` afterwards. */
export function signInHref(path: string): string {
  const target = safeReturnPath(path);
  return target === "/"
    ? "/sign-in"
    : `/sign-in?${new URLSearchParams({ [returnToParam]: target }).toString()}`;
}
