// The one browser-side fetch helper (CONVENTIONS 19): JSON in, JSON out,
// problem+json turned into ApiError.
import type { InvalidParam } from "@/lib/errors";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly requestId: string | undefined,
    readonly invalidParams: InvalidParam[],
    /** The problem document's other members (RFC 9457 §3.2 extensions). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /** Field name → reason, for forms. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.invalidParams.map((param) => [param.name, param.reason]));
  }
}

type Problem = {
  type?: string;
  detail?: string;
  requestId?: string;
  invalid_params?: InvalidParam[];
};

export async function apiFetch<T>(
  path: string,
  init: { method?: string; body?: unknown; ifMatch?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  if (init.ifMatch !== undefined) headers["If-Match"] = `"v${init.ifMatch}"`;
  const response = await fetch(`/api/v1${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (payload ?? {}) as Problem;
    throw new ApiError(
      response.status,
      problem.type?.split(":").at(-1) ?? "unknown",
      problem.detail ?? `Request failed (${response.status}).`,
      problem.requestId,
      problem.invalid_params ?? [],
      { ...problem },
    );
  }
  return payload as T;
}
