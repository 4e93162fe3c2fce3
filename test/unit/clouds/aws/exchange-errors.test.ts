import { describe, expect, it } from "vitest";
import {
  explainExchangeError,
  type ExchangeErrorContext,
} from "@/lib/clouds/aws/adapter/exchange-errors";
import { isRetryable } from "@/lib/clouds/retry";

// SDK-shaped errors as @aws-sdk/client-sts raises them for the awsQuery
// protocol: a name (the modelled class, or the wire code), the wire Code,
// the message and the HTTP status.
function sdkError(code: string, message: string, status = 400, name = code) {
  return Object.assign(new Error(message), {
    name,
    Code: code,
    $metadata: { httpStatusCode: status },
    $response: { headers: {} as Record<string, string> },
  });
}

const ROLE = "arn:aws:iam::123456789012:role/deploy";
const MAIN = "repo:contoso/app:ref:refs/heads/main";
const context: ExchangeErrorContext = {
  roleArn: ROLE,
  region: "eu-west-1",
  claims: { iss: "https://token.actions.githubusercontent.com", sub: MAIN, aud: ["sts"] },
};

describe("explainExchangeError", () => {
  it.each([
    [
      "InvalidIdentityToken",
      "No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com",
      "unauthenticated",
      /no IAM OIDC provider for the token's issuer "https:\/\/token\.actions\.githubusercontent\.com"/,
      /Create an IAM OIDC provider/,
    ],
    [
      "InvalidIdentityToken",
      "Incorrect token audience",
      "unauthenticated",
      /audience "sts" is not one of the IAM OIDC provider's client IDs/,
      /client IDs/,
    ],
    [
      "InvalidIdentityToken",
      "Missing a required claim: aud",
      "unauthenticated",
      /lacks a claim/,
      /audience/,
    ],
    [
      "InvalidIdentityToken",
      "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
      "unauthenticated",
      /signing keys/,
      /five seconds/,
    ],
    [
      "InvalidIdentityToken",
      "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
      "unauthenticated",
      /thumbprints/,
      /thumbprints/,
    ],
    ["InvalidIdentityToken", "Signature failed", "unauthenticated", /signature/, /RSA or ECDSA/],
    [
      "ExpiredTokenException",
      "Token expired: current date/time 1700000600 must be before the expiration date/time 1700000000",
      "unauthenticated",
      /had expired/,
      /fresh token/,
    ],
    [
      "IDPRejectedClaim",
      "The identity provider (IdP) reported that authentication failed.",
      "denied",
      /invalid, expired or revoked/,
      /new token/,
    ],
    ["IDPCommunicationError", "unreachable", "unavailable", /could not reach/, /Try again/],
    [
      "PackedPolicyTooLarge",
      "Packed policy consumes 104% of allotted space",
      "invalid",
      /session tags/,
      /fewer session tags/,
    ],
    ["MalformedPolicyDocument", "Syntax errors in policy.", "invalid", /deny-all/, /endpoint/],
    [
      "RegionDisabledException",
      "STS is not activated in this region for account:123456789012.",
      "denied",
      /not activated in eu-west-1/,
      /Activate STS/,
    ],
    [
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      "invalid",
      /maximum session duration/,
      /900-second/,
    ],
    [
      "ValidationError",
      "1 validation error detected: Value at 'roleArn' failed to satisfy constraint",
      "invalid",
      /parameters/,
      /role name/,
    ],
  ] as const)("explains %s (%s)", (code, message, kind, cause, fix) => {
    const error = explainExchangeError(sdkError(code, message), context);
    expect(error).toMatchObject({ code, message, kind, status: 400, object: ROLE });
    expect(error.cause).toMatch(cause);
    expect(error.fix).toMatch(fix);
  });

  it.each([
    ["InvalidIdentityTokenException", "InvalidIdentityToken"],
    ["IDPRejectedClaimException", "IDPRejectedClaim"],
    ["IDPCommunicationErrorException", "IDPCommunicationError"],
    ["PackedPolicyTooLargeException", "PackedPolicyTooLarge"],
    ["MalformedPolicyDocumentException", "MalformedPolicyDocument"],
  ])("reports the SDK's %s under STS's own code %s", (name, code) => {
    const error = Object.assign(new Error("refused"), { name, $metadata: {} });
    expect(explainExchangeError(error, context).code).toBe(code);
  });

  it("names the subject when the trust policy refuses, without a catalogue to compare", () => {
    const error = explainExchangeError(
      sdkError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403),
      context,
    );
    expect(error.kind).toBe("denied");
    expect(error.cause).toContain(`trust policy of ${ROLE}`);
    expect(error.cause).toContain(`subject "${MAIN}"`);
    expect(error.cause).toMatch(/AWS does not say which condition failed/);
    expect(error.fix).toMatch(/sts:AssumeRoleWithWebIdentity/);
  });

  it.each([
    ["StringEquals", [MAIN], /no longer says what the catalogue says/, /drift check/],
    ["StringLike", ["repo:contoso/*"], /no longer says what the catalogue says/, /drift check/],
    ["StringEquals", ["repo:contoso/*"], /expects subject "repo:contoso\/\*", not/, /workload/],
    ["StringEquals", [MAIN.toUpperCase()], /expects subject/, /change the binding's subject/],
  ] as const)("sets the subject beside the catalogue's %s %j", (operator, subjects, cause, fix) => {
    const error = explainExchangeError(
      sdkError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403),
      { ...context, catalog: { operator, subjects: [...subjects] } },
    );
    expect(error.cause).toMatch(cause);
    expect(error.fix).toMatch(fix);
  });

  it.each([
    ["Throttling", 400, "throttled"],
    ["InternalFailure", 500, "unavailable"],
    ["SomethingNew", 400, "other"],
  ] as const)("falls back to the adapter's mapping for %s", (code, status, kind) => {
    const error = explainExchangeError(sdkError(code, "x", status), context);
    expect(error).toMatchObject({ code, kind, object: ROLE });
  });

  it("treats a refused socket as a network failure", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    expect(explainExchangeError(error, context).kind).toBe("network");
  });

  it("retries only what waiting can fix", () => {
    const kindOf = (code: string) => explainExchangeError(sdkError(code, "x"), context);
    expect(isRetryable(kindOf("IDPCommunicationError"))).toBe(true);
    expect(isRetryable(kindOf("Throttling"))).toBe(true);
    for (const refusal of ["InvalidIdentityToken", "AccessDenied", "ExpiredTokenException"]) {
      expect(isRetryable(kindOf(refusal))).toBe(false);
    }
  });
});
