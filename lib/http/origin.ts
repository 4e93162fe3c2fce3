import { publicOrigin } from "@/lib/env";

// Route handlers get no CSRF protection from Next.js (SECURITY.md 3.1): a
// cookie-authenticated mutation must come from our own pages.
export function isSameOriginRequest(request: Request, origin = publicOrigin()): boolean {
  const given = request.headers.get("origin");
  if (given !== null) return given === origin;
  return request.headers.get("sec-fetch-site") === "same-origin";
}
