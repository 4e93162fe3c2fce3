import { z } from "zod";

// What a failed Google call carries, read from gaxios's error without
// touching its request config (which holds the bearer token or the signed
// assertion). API errors are {error:{code,message,status,details}}
// (https://cloud.google.com/apis/design/errors#http_mapping); the OAuth 2.0
// token endpoint answers {error, error_description} (RFC 6749 §5.2).

const ZApiError = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.unknown()).optional(),
  }),
});
const ZOAuthError = z.object({ error: z.string(), error_description: z.string().optional() });
const ZErrorInfo = z.object({
  "@type": z.literal("type.googleapis.com/google.rpc.ErrorInfo"),
  reason: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

export type GoogleFailure =
  | { kind: "api"; httpStatus: number; status: string; message: string; permission?: string }
  | { kind: "oauth"; httpStatus: number; error: string; description: string }
  | { kind: "http"; httpStatus: number }
  | { kind: "transport"; code: string; message: string };

type Shape = {
  code?: unknown;
  message?: unknown;
  response?: { status?: unknown; data?: unknown; headers?: { get?: (name: string) => unknown } };
};

function bodyOf(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a gaxios (or fetch) error; null when it is not one. */
export function readGoogleFailure(error: unknown): GoogleFailure | null {
  if (!error || typeof error !== "object") return null;
  const shape = error as Shape;
  const httpStatus = typeof shape.response?.status === "number" ? shape.response.status : null;
  if (httpStatus === null) {
    if (typeof shape.code !== "string") return null;
    return { kind: "transport", code: shape.code, message: String(shape.message ?? "") };
  }
  const body = bodyOf(shape.response?.data);
  const api = ZApiError.safeParse(body);
  if (api.success) {
    const info = (api.data.error.details ?? [])
      .map((detail) => ZErrorInfo.safeParse(detail))
      .find((parsed) => parsed.success)?.data;
    return {
      kind: "api",
      httpStatus,
      status: api.data.error.status ?? String(httpStatus),
      message: api.data.error.message ?? "",
      ...(info?.metadata?.permission ? { permission: info.metadata.permission } : {}),
    };
  }
  const oauth = ZOAuthError.safeParse(body);
  if (oauth.success) {
    return {
      kind: "oauth",
      httpStatus,
      error: oauth.data.error,
      description: oauth.data.error_description ?? "",
    };
  }
  return { kind: "http", httpStatus };
}

/** The Retry-After a failed response carried, as text. */
export function retryAfterHeader(error: unknown): string | null {
  const headers = (error as Shape | null)?.response?.headers;
  const value = typeof headers?.get === "function" ? headers.get("retry-after") : null;
  return typeof value === "string" ? value : null;
}
