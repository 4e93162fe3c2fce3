import { describe, expect, it } from "vitest";
import {
  exchangeAdvice,
  exchangeCancelled,
  explainExchangeError,
  scrubSecrets,
  type ExchangeErrorContext,
} from "@/lib/clouds/gcp/adapter/exchange-errors";

// Errors shaped as gaxios throws them: the HTTP status and the parsed body on
// `response`, the transport code on `code`.
function httpError(status: number, data: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    status,
    response: { status, data, headers: new Headers(headers) },
  });
}
const oauth = (error: string, description: string, status = 400) =>
  httpError(status, { error, error_description: description });
const api = (code: number, status: string, message: string) =>
  httpError(code, { error: { code, status, message, details: [] } });

const PROVIDER =
  "//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/providers/gh";
const SA = "deployer@p.iam.gserviceaccount.com";
const MEMBER =
  "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/subject/repo:acme/app:ref:refs/heads/main";
const context: ExchangeErrorContext = {
  provider: PROVIDER,
  serviceAccount: SA,
  member: MEMBER,
  role: "roles/iam.workloadIdentityUser",
};

describe("the GCP exchange error table", () => {
  it.each([
    [
      "invalid_grant",
      "The audience in ID Token [https://github.com/acme] does not match the expected audience.",
      "denied",
      /audience/,
      `https:${PROVIDER}`,
    ],
    [
      "invalid_grant",
      "The issuer in ID Token https://a does not match the expected ones: https://b",
      "denied",
      /issuer URL/,
      "trailing slash",
    ],
    [
      "invalid_grant",
      "ID Token issued at 1700000000 is stale to sign-in.",
      "denied",
      /expired/,
      "freshly issued token",
    ],
    [
      "invalid_grant",
      "Error connecting to the given credential's issuer.",
      "denied",
      /discovery document/,
      "publicly reachable",
    ],
    ["invalid_grant", "Invalid JWT signature.", "denied", /signature/, "RS256 or ES256"],
    [
      "unauthorized_client",
      "The given credential is rejected by the attribute condition.",
      "denied",
      /attribute condition is false/,
      "case-sensitive",
    ],
    [
      "unauthorized_client",
      "The mapped attribute 'google.subject' must be of type STRING.",
      "denied",
      /must be a string/,
      "assertion.sub",
    ],
    [
      "invalid_target",
      'The target service indicated by the "audience" parameters is invalid.',
      "not-found",
      new RegExp(`no usable provider ${PROVIDER}`),
      "enable or restore",
    ],
    [
      "invalid_request",
      "The size of mapped attribute google.subject exceeds the 127 bytes limit. Either …",
      "invalid",
      /127-byte/,
      "extract()",
    ],
    [
      "invalid_request",
      'Invalid value for "audience". This value should be the full resource name…',
      "invalid",
      new RegExp(`does not read ${PROVIDER}`),
      "project number",
    ],
  ])("reads STS %s «%s» as %s with its cause and fix", (code, message, kind, cause, fix) => {
    const mapped = explainExchangeError("sts", oauth(code, message), context);
    expect(mapped).toMatchObject({ code, message, kind, status: 400, object: PROVIDER });
    expect(mapped.cause).toMatch(cause);
    expect(mapped.fix).toContain(fix);
  });

  it("reads generateAccessToken's 403 as a missing grant naming the service account and the member", () => {
    const message =
      "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).";
    const mapped = explainExchangeError(
      "impersonation",
      api(403, "PERMISSION_DENIED", message),
      context,
    );
    expect(mapped).toMatchObject({
      kind: "denied",
      code: "PERMISSION_DENIED",
      message,
      status: 403,
      object: SA,
    });
    expect(mapped.cause).toContain(`the catalogue expects ${MEMBER}`);
    expect(mapped.cause).toContain("few minutes");
    expect(mapped.fix).toContain(`Grant roles/iam.workloadIdentityUser on ${SA} to ${MEMBER}`);
  });

  it("reads generateAccessToken's 404 as a service account that does not exist", () => {
    const mapped = explainExchangeError(
      "impersonation",
      api(404, "NOT_FOUND", `Not found; Gaia id not found for email ${SA}`),
      context,
    );
    expect(mapped).toMatchObject({ kind: "not-found", code: "NOT_FOUND", object: SA });
    expect(mapped.cause).toContain(SA);
  });

  it("keeps throttling and outages as the adapter reads them, naming STS's quota for STS", () => {
    const throttled = explainExchangeError(
      "sts",
      oauth(
        "quota_exceeded",
        "The request was throttled due to rate limit: sts.googleapis.com/requests. Please retry after a few seconds.",
        429,
      ),
      context,
    );
    expect(throttled).toMatchObject({ kind: "throttled", code: "quota_exceeded", status: 429 });
    expect(throttled.cause).toContain("STS");
    const down = explainExchangeError("impersonation", api(503, "UNAVAILABLE", "down"), context);
    expect(down.kind).toBe("unavailable");
  });

  it("does not give the service-account key advice for an OAuth code the table lacks", () => {
    const mapped = explainExchangeError("sts", oauth("invalid_scope", "Bad scope."), context);
    expect(mapped).toMatchObject({ kind: "other", code: "invalid_scope", message: "Bad scope." });
    expect(mapped.cause).not.toMatch(/key/);
  });

  it("reads a TLS failure as a network error about the CA bundle", () => {
    const tls = Object.assign(new Error("self-signed certificate in certificate chain"), {
      code: "SELF_SIGNED_CERT_IN_CHAIN",
    });
    expect(explainExchangeError("sts", tls, context)).toMatchObject({
      kind: "network",
      code: "SELF_SIGNED_CERT_IN_CHAIN",
    });
  });

  it("has no row for codes it does not know", () => {
    expect(exchangeAdvice("sts", "PERMISSION_DENIED", "", context)).toBeNull();
    expect(exchangeAdvice("impersonation", "invalid_grant", "", context)).toBeNull();
  });

  it("names a cancelled exchange", () => {
    expect(exchangeCancelled()).toMatchObject({ code: "Aborted", kind: "other" });
  });
});

describe("scrubSecrets", () => {
  it("removes every occurrence of each secret from every text of the error", () => {
    const token = "eyJhbGciOi.payload.signature";
    const scrubbed = scrubSecrets(
      {
        kind: "other",
        code: "Error",
        message: `bad ${token} and ${token}`,
        cause: `cause ${token}`,
        fix: "fix",
        object: `object fed-123`,
      },
      [token, "fed-123", ""],
    );
    expect(JSON.stringify(scrubbed)).not.toContain(token);
    expect(JSON.stringify(scrubbed)).not.toContain("fed-123");
    expect(scrubbed.message).toBe("bad [redacted] and [redacted]");
    expect(scrubbed.fix).toBe("fix");
  });
});
