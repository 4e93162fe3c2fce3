import { describe, expect, it } from "vitest";
import { awsWriteActions, explainAwsError } from "@/lib/clouds/aws/adapter/explain";

// The errors IAM answers to the write calls, as apply reports them.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html

function sdkError(code: string, message: string, status: number) {
  return Object.assign(new Error(message), {
    name: code,
    Code: code,
    $metadata: { httpStatusCode: status },
  });
}

describe("explainAwsError on writes", () => {
  it.each([
    ["MalformedPolicyDocument", "Has prohibited field Resource.", 400, "invalid", /trust policy/],
    ["LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048", 409, "invalid", /2,048/],
    [
      "LimitExceeded",
      "Cannot exceed quota for OpenIdIdpsPerAccount: 100",
      409,
      "invalid",
      /100 IAM OIDC providers/,
    ],
    [
      "EntityAlreadyExists",
      "Provider with url https://x already exists.",
      409,
      "conflict",
      /one OIDC provider per URL/,
    ],
  ] as const)("maps %s (%s) with a cause and a fix", (code, message, status, kind, cause) => {
    const explained = explainAwsError(sdkError(code, message, status));
    expect(explained).toMatchObject({ code, message, kind, status });
    expect(explained.cause).toMatch(cause);
    expect(explained.fix).not.toBe("");
  });

  it("names every write permission when a write is denied", () => {
    const explained = explainAwsError(
      sdkError(
        "AccessDenied",
        "User: arn:aws:iam::123456789012:user/fedlens is not authorized to perform: iam:AddClientIDToOpenIDConnectProvider on resource: x",
        403,
      ),
    );
    expect(explained.cause).toContain("iam:AddClientIDToOpenIDConnectProvider");
    for (const action of awsWriteActions) expect(explained.fix).toContain(action);
  });
});
