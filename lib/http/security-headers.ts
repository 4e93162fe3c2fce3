// Content-Security-Policy per SECURITY.md 3.5. Scripts run only with the
// per-request nonce; the browser never talks to clouds or issuers directly,
// so connect-src stays 'self'.

export type CspOptions = { nonce: string; isDev: boolean; formTargets?: string[] };

export function pageCsp({ nonce, isDev, formTargets = [] }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes come from React; they cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    // Chrome applies form-action to redirects after a submit, so the SSO
    // sign-in redirect needs its identity provider listed.
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** API responses render nothing: forbid everything. */
export const apiCsp = "default-src 'none'; frame-ancestors 'none'";

export const baselineHeaders: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};
