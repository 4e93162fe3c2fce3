import { describe, expect, it } from "vitest";
import { explainGcpWriteError } from "@/lib/clouds/gcp/adapter/write-errors";

// A gaxios error as the Google clients throw it.
const googleFailure = (http: number, status: string, message = "m") => ({
  response: { status: http, data: { error: { code: http, status, message } } },
});

describe("explainGcpWriteError", () => {
  it.each([
    ["setIamPolicy", 403, "PERMISSION_DENIED", "denied", "iam.serviceAccounts.setIamPolicy"],
    [
      "updateProvider",
      403,
      "PERMISSION_DENIED",
      "denied",
      "iam.workloadIdentityPoolProviders.update",
    ],
    ["setIamPolicy", 400, "INVALID_ARGUMENT", "invalid", "principal"],
    ["updateProvider", 400, "INVALID_ARGUMENT", "invalid", "attribute mapping"],
    ["updateProvider", 400, "FAILED_PRECONDITION", "invalid", "undelete"],
    ["setIamPolicy", 409, "ABORTED", "conflict", "reads the object again"],
    ["setIamPolicy", 429, "RESOURCE_EXHAUSTED", "throttled", "retries after the wait"],
  ] as const)("%s %i %s is %s, and says what to do", (write, http, status, kind, fixWords) => {
    const error = explainGcpWriteError(write, "the-object")(googleFailure(http, status));
    expect(error).toMatchObject({ kind, code: status, status: http, object: "the-object" });
    expect(error.fix).toContain(fixWords);
  });

  it("keeps the read mapping for what writes add nothing to", () => {
    const error = explainGcpWriteError("setIamPolicy")(googleFailure(503, "UNAVAILABLE"));
    expect(error).toMatchObject({ kind: "unavailable", code: "UNAVAILABLE" });
    expect(error.object).toBeUndefined();
  });
});
