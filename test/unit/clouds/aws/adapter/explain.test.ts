import { describe, expect, it } from "vitest";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import { awsRetryAfterMs, explainAwsError } from "@/lib/clouds/aws/adapter/explain";

// SDK-shaped errors: awsQuery errors carry the wire's Code, a name, and
// $metadata.httpStatusCode; socket errors carry Node's code.
function sdkError(code: string, message: string, status: number, name = code) {
  return Object.assign(new Error(message), {
    name,
    Code: code,
    $metadata: { httpStatusCode: status },
    $response: { headers: {} as Record<string, string> },
  });
}

describe("explainAwsError", () => {
  it.each([
    ["NoSuchEntity", 404, "not-found", "NoSuchEntityException"],
    ["AccessDenied", 403, "denied", "AccessDenied"],
    ["InvalidClientTokenId", 403, "unauthenticated", "InvalidClientTokenId"],
    ["SignatureDoesNotMatch", 403, "unauthenticated", "SignatureDoesNotMatch"],
    ["ExpiredToken", 403, "unauthenticated", "ExpiredToken"],
    ["Throttling", 400, "throttled", "Throttling"],
    ["ServiceFailure", 500, "unavailable", "ServiceFailureException"],
    ["InternalFailure", 503, "unavailable", "InternalFailure"],
    ["LimitExceeded", 409, "invalid", "LimitExceededException"],
  ] as const)(
    "maps %s (%i) to %s, keeping the code and message verbatim",
    (code, status, kind, name) => {
      const message = `AWS says ${code}`;
      expect(explainAwsError(sdkError(code, message, status, name))).toMatchObject({
        code,
        message,
        kind,
        status,
      });
    },
  );

  it("names the missing read permission when a read is denied", () => {
    const error = sdkError(
      "AccessDenied",
      "User: arn:aws:iam::123456789012:user/fedlens is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/",
      403,
    );
    const explained = explainAwsError(error);
    expect(explained.cause).toContain("iam:ListRoles");
    expect(explained.fix).toContain("iam:ListRoles");
    expect(explained.fix).toContain("sts:GetCallerIdentity needs no permission");
  });

  it("lists every read permission when the denial does not name one", () => {
    const explained = explainAwsError(sdkError("AccessDenied", "Access denied", 403));
    for (const action of [
      "iam:GetRole",
      "iam:ListRoles",
      "iam:ListOpenIDConnectProviders",
      "iam:GetOpenIDConnectProvider",
    ]) {
      expect(explained.fix).toContain(action);
    }
  });

  it("tells an AssumeRole denial apart: the role's trust policy does not let Fedlens in", () => {
    const explained = explainAwsError(
      sdkError(
        "AccessDenied",
        "User: arn:aws:iam::123456789012:user/fedlens is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/reader",
        403,
      ),
    );
    expect(explained.kind).toBe("denied");
    expect(explained.cause).toContain("trust policy");
    expect(explained.fix).toContain("sts:AssumeRole");
  });

  it.each(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT"])(
    "maps the socket error %s to network",
    (code) => {
      const error = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
      expect(explainAwsError(error)).toMatchObject({ kind: "network", code });
    },
  );

  it("maps the SDK's request timeout to network", () => {
    const error = Object.assign(new Error("Connection timed out after 1000 ms"), {
      name: "TimeoutError",
    });
    expect(explainAwsError(error)).toMatchObject({ kind: "network", code: "TimeoutError" });
  });

  it("does not retry an untrusted certificate as a network failure", () => {
    const error = Object.assign(new Error("self-signed certificate in certificate chain"), {
      code: "SELF_SIGNED_CERT_IN_CHAIN",
    });
    const explained = explainAwsError(error);
    expect(explained.kind).toBe("other");
    expect(explained.fix).toContain("CA bundle");
  });

  it("maps a missing credential chain to unauthenticated", () => {
    const error = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    expect(explainAwsError(error)).toMatchObject({
      kind: "unauthenticated",
      code: "CredentialsProviderError",
    });
  });

  it("passes a CloudCallError's mapped error through unchanged", () => {
    const mapped = explainAwsError(sdkError("Throttling", "Rate exceeded", 400));
    expect(explainAwsError(new CloudCallError(mapped))).toBe(mapped);
  });

  it("reads Retry-After in seconds from the answer, and nothing when absent", () => {
    const throttled = sdkError("Throttling", "Rate exceeded", 400);
    expect(awsRetryAfterMs(throttled)).toBeNull();
    throttled.$response.headers["retry-after"] = "3";
    expect(awsRetryAfterMs(throttled)).toBe(3000);
  });
});
