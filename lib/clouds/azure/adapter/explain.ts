import { isRestError } from "@azure/core-rest-pipeline";
import { CloudCallError, type CloudError, type CloudErrorKind } from "@/lib/clouds/adapter-types";
import { parseRetryAfter } from "@/lib/clouds/retry";
import { textsByCode, textsByKind, untrustedCertificate } from "./error-texts";

// Every failure an Azure call can end in, as one CloudError: the cloud's code
// and message verbatim, what kind of failure it is (a 401/403 is never
// "not-found"), and our cause and fix.

type Raw = { status?: number; code: string; message: string };

// Node's codes for a connection that never got an HTTP answer.
const networkCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "REQUEST_SEND_ERROR",
]);
const certificateCode = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

// @azure/identity's AuthenticationError carries Entra's error response:
// error, errorDescription ("AADSTSnnnn: …") and errorCodes.
// https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
function fromEntra(error: Error): Raw {
  const record = asRecord(error);
  const body = asRecord(record.errorResponse);
  const codes = Array.isArray(body.errorCodes) ? body.errorCodes : [];
  const description = typeof body.errorDescription === "string" ? body.errorDescription : "";
  const aadsts = /^AADSTS\d+/.exec(description)?.[0];
  const code = codes[0] !== undefined ? `AADSTS${String(codes[0])}` : aadsts;
  return {
    status: typeof record.statusCode === "number" ? record.statusCode : undefined,
    code: code ?? (typeof body.error === "string" ? body.error : error.name),
    message: description.trim() || error.message,
  };
}

// Entra's words inside an @azure/identity error message ("invalid_client:
// Error(s): 7000215 - … - Description: AADSTS7000215: …"): from the code on.
function fromMessage(error: Error): Raw | undefined {
  // MSAL reports a tenant whose metadata it could not read (Entra answers an
  // unknown tenant's openid-configuration with AADSTS90002) under its own code.
  // https://learn.microsoft.com/en-us/entra/msal/javascript/browser/errors
  if (error.message.includes("endpoints_resolution_error"))
    return { code: "endpoints_resolution_error", message: error.message };
  const at = /AADSTS\d+/.exec(error.message);
  if (!at) return undefined;
  return { code: at[0], message: error.message.slice(at.index).trim() };
}

function raw(error: unknown): Raw {
  if (isRestError(error)) {
    return { status: error.statusCode, code: error.code ?? "RestError", message: error.message };
  }
  if (error instanceof Error) {
    if (error.name === "AuthenticationError") return fromEntra(error);
    const entra = fromMessage(error);
    if (entra) return entra;
    if (
      error.name === "CredentialUnavailableError" ||
      error.name === "AggregateAuthenticationError"
    )
      return { code: "CredentialUnavailable", message: error.message };
    const code = asRecord(error).code;
    return { code: typeof code === "string" ? code : error.name, message: error.message };
  }
  return { code: "Unknown", message: String(error) };
}

function kindOf({ status, code }: Raw): CloudErrorKind {
  // A busy token endpoint is transient even when it names an AADSTS code.
  if (status !== undefined && status >= 500) return "unavailable";
  if (status === 408 || status === 429) return "throttled";
  if (code.startsWith("AADSTS") || code === "CredentialUnavailable") return "unauthenticated";
  if (code === "endpoints_resolution_error") return "unauthenticated";
  if (status === undefined) {
    if (networkCodes.has(code)) return "network";
    return "other";
  }
  if (status === 401) return "unauthenticated";
  if (status === 403) return "denied";
  if (status === 404) return "not-found";
  if (status === 409) return "conflict";
  if (status >= 400) return "invalid";
  return "other";
}

/** Any error from an Azure call (SDK, pipeline, credential) as a CloudError. */
export function explainAzureError(error: unknown): CloudError {
  if (error instanceof CloudCallError) return error.cloudError;
  const parsed = raw(error);
  const kind = error instanceof Error && error.name === "AbortError" ? "other" : kindOf(parsed);
  const text =
    textsByCode[parsed.code] ??
    (certificateCode.test(parsed.code) ? untrustedCertificate : textsByKind[kind]);
  return {
    kind,
    code: parsed.code,
    message: parsed.message,
    cause: text.cause,
    fix: text.fix,
    ...(parsed.status === undefined ? {} : { status: parsed.status }),
  };
}

// How long Azure asked us to wait: retry-after-ms / x-ms-retry-after-ms in
// milliseconds, else Retry-After (seconds or an HTTP date).
// https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/request-limits-and-throttling
// https://learn.microsoft.com/en-us/graph/throttling
export function azureRetryAfterMs(error: unknown): number | null {
  if (!isRestError(error) || !error.response) return null;
  const headers = error.response.headers;
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const value = Number(headers.get(name));
    if (headers.get(name) && Number.isFinite(value) && value >= 0) return value;
  }
  return parseRetryAfter(headers.get("retry-after"));
}

/** A CloudError for a body that failed its schema (never the body itself: it may be large). */
export function unexpectedResponse(object: string, detail: string): CloudCallError {
  const text = textsByCode.FedlensUnexpectedResponse!;
  return new CloudCallError({
    kind: "other",
    code: "FedlensUnexpectedResponse",
    message: detail,
    object,
    ...text,
  });
}

/** A credential deleted between the list and its re-read is simply absent, not a missing target. */
export async function absentIfGone<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (explainAzureError(error).kind === "not-found") return null;
    throw error;
  }
}
