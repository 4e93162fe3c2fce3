import type { ServerResponse } from "node:http";
import { sendJson } from "./arm-errors";

// Error responses carry error, error_description (starting with the AADSTS code),
// error_codes, timestamp, trace_id, correlation_id and error_uri.
// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow#error-response
// https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
export function sendEntraError(
  res: ServerResponse,
  status: number,
  error: string,
  code: number,
  text: string,
) {
  const traceId = crypto.randomUUID();
  const correlationId = crypto.randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").replace("Z", "Z");
  sendJson(res, status, {
    error,
    error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}
