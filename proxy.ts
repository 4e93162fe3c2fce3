// Next.js 16 proxy (formerly middleware): a fresh CSP nonce and a request id
// for every request. Not an access-control layer: pages, actions and route
// handlers check the caller themselves (SECURITY.md 3.2).
import { NextResponse, type NextRequest } from "next/server";
import { requestedPathHeader } from "@/lib/auth/sign-in/return-to";
import { requestIdFrom } from "@/lib/http/request-id";
import { baselineHeaders, pageCsp } from "@/lib/http/security-headers";

function ssoOrigin(): string[] {
  // proxy.ts sits outside lib/: read the one variable it needs directly.
  const issuer = process.env.FEDLENS_OIDC_ISSUER;
  try {
    return issuer ? [new URL(issuer).origin] : [];
  } catch {
    return [];
  }
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const requestId = requestIdFrom(request.headers);
  const csp = pageCsp({
    nonce,
    isDev: process.env.NODE_ENV === "development",
    formTargets: ssoOrigin(),
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  // Overwrites whatever the client sent; sign-in returns here afterwards.
  requestHeaders.set(requestedPathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  // Next.js reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  if (!isApi) response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(baselineHeaders)) response.headers.set(name, value);
  response.headers.set("X-Request-Id", requestId);
  if (request.nextUrl.protocol === "https:") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  if (isApi || !request.nextUrl.pathname.startsWith("/_next/"))
    response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
