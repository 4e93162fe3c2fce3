// Every Azure failure as a CloudError: the cloud's code and message verbatim,
// the kind that drives behaviour (403 never "not-found"), our cause and fix.
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import { AuthenticationError, CredentialUnavailableError } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { CloudCallError, type CloudError } from "@/lib/clouds/adapter-types";
import { azureRetryAfterMs, explainAzureError } from "@/lib/clouds/azure/adapter/explain";

const request = createPipelineRequest({ url: "https://management.azure.com/x" });

function restError(status: number | undefined, code: string, message: string, headers = {}) {
  const response: PipelineResponse | undefined =
    status === undefined ? undefined : { status, request, headers: createHttpHeaders(headers) };
  return new RestError(message, { code, statusCode: status, request, response });
}

const entraDescription =
  "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'c'.";

const cases: [string, unknown, Partial<CloudError>, string][] = [
  [
    "ARM AuthorizationFailed",
    restError(
      403,
      "AuthorizationFailed",
      "The client 'x' does not have authorization to perform action.",
    ),
    {
      kind: "denied",
      code: "AuthorizationFailed",
      status: 403,
      message: "The client 'x' does not have authorization to perform action.",
    },
    "Reader",
  ],
  [
    "Graph Authorization_RequestDenied",
    restError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    ),
    { kind: "denied", code: "Authorization_RequestDenied", status: 403 },
    "Application.Read.All",
  ],
  [
    "an unknown 403",
    restError(403, "RequestDisallowedByPolicy", "Denied by policy."),
    { kind: "denied", code: "RequestDisallowedByPolicy", message: "Denied by policy." },
    "Reader",
  ],
  [
    "ARM InvalidAuthenticationToken",
    restError(401, "InvalidAuthenticationToken", "The access token is invalid."),
    { kind: "unauthenticated", code: "InvalidAuthenticationToken", status: 401 },
    "same Azure cloud",
  ],
  [
    "Entra's wrong secret (AuthenticationError)",
    new AuthenticationError(401, {
      error: "invalid_client",
      error_description: entraDescription,
      error_codes: [7000215],
    }),
    { kind: "unauthenticated", code: "AADSTS7000215", status: 401, message: entraDescription },
    "new client secret",
  ],
  [
    "Entra's wrong secret as MSAL words it",
    Object.assign(
      new Error(
        `invalid_client: Error(s): 7000215 - Timestamp: t - Description: ${entraDescription}`,
      ),
      { name: "AuthenticationRequiredError" },
    ),
    { kind: "unauthenticated", code: "AADSTS7000215", message: entraDescription },
    "new client secret",
  ],
  [
    "Entra's unknown application",
    new AuthenticationError(400, {
      error: "unauthorized_client",
      error_description:
        "AADSTS700016: Application with identifier 'c' was not found in the directory 't'.",
      error_codes: [700016],
    }),
    { kind: "unauthenticated", code: "AADSTS700016" },
    "client id and the tenant id",
  ],
  [
    "Entra's unknown tenant",
    new AuthenticationError(400, {
      error: "invalid_request",
      error_description: "AADSTS90002: Tenant 't' not found.",
      error_codes: [90002],
    }),
    { kind: "unauthenticated", code: "AADSTS90002" },
    "tenant id",
  ],
  [
    "MSAL's unreadable tenant metadata",
    new CredentialUnavailableError("endpoints_resolution_error: See https://aka.ms/msal.js.errors"),
    { kind: "unauthenticated", code: "endpoints_resolution_error" },
    "authority host",
  ],
  [
    "no ambient credential",
    new CredentialUnavailableError("DefaultAzureCredential failed to retrieve a token."),
    { kind: "unauthenticated", code: "CredentialUnavailable" },
    "workload identity",
  ],
  [
    "ARM ResourceNotFound",
    restError(404, "ResourceNotFound", "The Resource 'x' under resource group 'rg' was not found."),
    { kind: "not-found", code: "ResourceNotFound", status: 404 },
    "remove it from the catalogue",
  ],
  [
    "a FIC's parent NotFound",
    restError(404, "NotFound", "The parent user-assigned identity doesn't exist."),
    { kind: "not-found", code: "NotFound" },
    "remove it from the catalogue",
  ],
  [
    "Graph Request_ResourceNotFound",
    restError(404, "Request_ResourceNotFound", "Resource 'x' does not exist."),
    { kind: "not-found", code: "Request_ResourceNotFound" },
    "remove it from the catalogue",
  ],
  [
    "429 TooManyRequests",
    restError(429, "TooManyRequests", "Too many requests."),
    { kind: "throttled", code: "TooManyRequests", status: 429 },
    "waited as long as Azure asked",
  ],
  [
    "503 from ARM",
    restError(503, "ServiceUnavailable", "The service is unavailable."),
    { kind: "unavailable", code: "ServiceUnavailable" },
    "try again in a few minutes",
  ],
  [
    "a 500 from the token endpoint",
    new AuthenticationError(500, { error: "temporarily_unavailable", error_description: "busy" }),
    { kind: "unavailable", code: "temporarily_unavailable", status: 500 },
    "try again in a few minutes",
  ],
  [
    "a connection reset",
    restError(undefined, "ECONNRESET", "socket hang up"),
    { kind: "network", code: "ECONNRESET", message: "socket hang up" },
    "DNS, proxy and firewall",
  ],
  [
    "an untrusted certificate",
    restError(
      undefined,
      "SELF_SIGNED_CERT_IN_CHAIN",
      "self-signed certificate in certificate chain",
    ),
    { kind: "other", code: "SELF_SIGNED_CERT_IN_CHAIN" },
    "CA bundle",
  ],
  [
    "a retired preview API version",
    restError(
      400,
      "NoRegisteredProviderFound",
      "No registered resource provider found for API version 'x'.",
    ),
    { kind: "invalid", code: "NoRegisteredProviderFound" },
    "2025-01-31-preview",
  ],
];

describe("explainAzureError", () => {
  it.each(cases)("maps %s", (_name, error, expected, fixIncludes) => {
    const explained = explainAzureError(error);
    expect(explained).toMatchObject(expected);
    expect(explained.fix).toContain(fixIncludes);
    expect(explained.cause).not.toBe("");
  });

  it("never reads a 403 or 401 as not-found", () => {
    for (const status of [401, 403]) {
      expect(explainAzureError(restError(status, "NotFound", "x")).kind).not.toBe("not-found");
    }
  });

  it("passes an already mapped error through unchanged", () => {
    const mapped: CloudError = { kind: "denied", code: "X", message: "m", cause: "c", fix: "f" };
    expect(explainAzureError(new CloudCallError(mapped))).toBe(mapped);
  });

  it("calls an aborted read 'other', so it is not retried", () => {
    expect(
      explainAzureError(Object.assign(new Error("aborted"), { name: "AbortError" })).kind,
    ).toBe("other");
  });
});

describe("azureRetryAfterMs", () => {
  it("reads Retry-After seconds", () => {
    expect(azureRetryAfterMs(restError(429, "TooManyRequests", "x", { "retry-after": "3" }))).toBe(
      3000,
    );
  });

  it("prefers the millisecond headers Azure also sends", () => {
    const error = restError(429, "TooManyRequests", "x", {
      "retry-after": "3",
      "x-ms-retry-after-ms": "250",
    });
    expect(azureRetryAfterMs(error)).toBe(250);
  });

  it("has nothing to say without a response or header", () => {
    expect(azureRetryAfterMs(restError(429, "TooManyRequests", "x"))).toBeNull();
    expect(azureRetryAfterMs(new Error("x"))).toBeNull();
  });
});
