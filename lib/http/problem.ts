import { errorStatus, errorTitle, type ErrorCode, type InvalidParam } from "@/lib/errors";
import { apiCsp, baselineHeaders } from "@/lib/http/security-headers";

// RFC 9457 problem details. `type` is a URN per code so clients can switch on
// it without parsing prose.

export function problemType(code: ErrorCode): string {
  return `urn:fedlens:problem:${code.replaceAll("_", "-")}`;
}

export type ProblemInit = {
  code: ErrorCode;
  detail: string;
  requestId: string;
  instance?: string;
  invalidParams?: InvalidParam[];
  retryAfterSeconds?: number;
  extra?: Record<string, unknown>;
};

export function apiHeaders(requestId: string, init?: HeadersInit): Headers {
  const headers = new Headers(init);
  for (const [name, value] of Object.entries(baselineHeaders)) headers.set(name, value);
  headers.set("Content-Security-Policy", apiCsp);
  headers.set("Cache-Control", "no-store");
  headers.set("X-Request-Id", requestId);
  return headers;
}

export function problemResponse(init: ProblemInit): Response {
  const status = errorStatus[init.code];
  const body = {
    ...init.extra,
    type: problemType(init.code),
    title: errorTitle[init.code],
    status,
    detail: init.detail,
    instance: init.instance,
    requestId: init.requestId,
    invalid_params: init.invalidParams,
  };
  const headers = apiHeaders(init.requestId, { "Content-Type": "application/problem+json" });
  if (init.retryAfterSeconds !== undefined)
    headers.set("Retry-After", String(Math.ceil(init.retryAfterSeconds)));
  return new Response(JSON.stringify(body), { status, headers });
}

export function jsonResponse(
  data: unknown,
  requestId: string,
  init: { status?: number; headers?: HeadersInit } = {},
): Response {
  const headers = apiHeaders(requestId, init.headers);
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(data), { status: init.status ?? 200, headers });
}
