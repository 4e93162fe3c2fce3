import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { CloudCallError, type CloudError, type CloudErrorKind } from "@/lib/clouds/adapter-types";
import { parseRetryAfter } from "@/lib/clouds/retry";
import { textsByKind } from "./error-texts";
import { explainEntraRefusal, firstLine } from "./exchange-errors";
import { explainAzureError } from "./explain";

// MSAL turns Entra's error answer into an error whose message packs the
// fields together, and @azure/identity passes it on without the status or the
// error_codes (an AuthenticationRequiredError). This policy, on the
// credential's own pipeline, keeps Entra's answer itself when it is an error:
// status, error_codes, error_description and Retry-After, or the transport
// error (an untrusted certificate, a refused connection) that MSAL would
// report only as metadata it could not resolve. It never reads a successful
// answer, which holds the access token.

type Captured = { status: number; body: Record<string, unknown>; retryAfterMs: number | null };

export type EntraAnswerCapture = {
  policy: PipelinePolicy;
  last(): Captured | undefined;
  transportError(): unknown;
};

export function captureEntraErrors(): EntraAnswerCapture {
  let last: Captured | undefined;
  let transportError: unknown;
  const policy: PipelinePolicy = {
    name: "fedlensEntraErrorCapture",
    async sendRequest(request, next) {
      let response: Awaited<ReturnType<typeof next>>;
      try {
        response = await next(request);
      } catch (error) {
        transportError = error;
        throw error;
      }
      if (response.status >= 400) {
        let body: Record<string, unknown> = {};
        try {
          const parsed: unknown = JSON.parse(response.bodyAsText ?? "");
          if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
        } catch {
          // Not JSON (a gateway's page): the status alone says what happened.
        }
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        last = { status: response.status, body, retryAfterMs };
      }
      return response;
    },
  };
  return { policy, last: () => last, transportError: () => transportError };
}

/** A failed attempt, with how long Entra asked to wait before the next. */
export class ExchangeAttemptError extends CloudCallError {
  readonly retryAfterMs: number | null;
  constructor(cloudError: CloudError, retryAfterMs: number | null) {
    super(cloudError);
    this.retryAfterMs = retryAfterMs;
  }
}

function fromCaptured({ status, body }: Captured): CloudError {
  const description = body.error_description;
  if (typeof description === "string") {
    const codes = Array.isArray(body.error_codes)
      ? body.error_codes.filter((code): code is number => typeof code === "number")
      : undefined;
    return explainEntraRefusal({ status, errorCodes: codes, description });
  }
  // Not Entra's shape: a gateway or throttling answer in front of it.
  const kind: CloudErrorKind =
    status === 429 ? "throttled" : status >= 500 ? "unavailable" : "other";
  const text = textsByKind[kind];
  return { kind, code: `HTTP${status}`, message: `HTTP ${status}`, ...text, status };
}

/** What an attempt's failure means, from Entra's captured answer or else the SDK's error. */
export function explainAttempt(error: unknown, capture: EntraAnswerCapture): ExchangeAttemptError {
  const captured = capture.last();
  if (captured) return new ExchangeAttemptError(fromCaptured(captured), captured.retryAfterMs);
  const mapped = explainAzureError(capture.transportError() ?? error);
  // The SDK's message carries Entra's words when no answer was captured
  // (an AuthenticationError's errorResponse, or MSAL's packed message).
  if (mapped.code.startsWith("AADSTS")) {
    const refusal = explainEntraRefusal({ status: mapped.status, description: mapped.message });
    return new ExchangeAttemptError({ ...refusal, message: firstLine(mapped.message) }, null);
  }
  return new ExchangeAttemptError(mapped, null);
}
