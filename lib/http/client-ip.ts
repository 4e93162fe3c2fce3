// lib/server/serve.ts replaces X-Forwarded-For with the socket's address
// unless FEDLENS_TRUST_PROXY is set; then the proxy in front appends the
// address it saw, which is the right-most entry.
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || "unknown";
}
