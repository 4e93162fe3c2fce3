import { publicOrigin } from "@/lib/env";

// Neither route handlers nor server actions get enough CSRF protection from
// Next.js (SECURITY.md 3.1: an action posted without Origin is let through):
// a cookie-authenticated mutation must come from our own pages.
export function isSameOriginRequest(
  request: { headers: Pick<Headers, "get"> },
  origin = publicOrigin(),
): boolean {
  const given = request.headers.get("origin");
  if (given !== null) return given === origin;
  return request.headers.get("sec-fetch-site") === "same-origin";
}
