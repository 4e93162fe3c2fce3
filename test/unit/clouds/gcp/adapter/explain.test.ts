import { describe, expect, it } from "vitest";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import { explainGcpError } from "@/lib/clouds/gcp/adapter/explain";

// Errors shaped as gaxios throws them: the HTTP status and the parsed body on
// `response`, the transport code on `code`.
function httpError(status: number, data: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    status,
    response: { status, data, headers: new Headers(headers) },
  });
}
const apiError = (code: number, status: string, message: string, details: unknown[] = []) =>
  httpError(code, { error: { code, status, message, details } });

describe("explainGcpError", () => {
  it.each([
    [404, "NOT_FOUND", "not-found"],
    [429, "RESOURCE_EXHAUSTED", "throttled"],
    [503, "UNAVAILABLE", "unavailable"],
    [500, "INTERNAL", "unavailable"],
    [400, "INVALID_ARGUMENT", "invalid"],
    [401, "UNAUTHENTICATED", "unauthenticated"],
    [409, "ABORTED", "conflict"],
  ])("reads %i %s as %s, keeping Google's words", (code, status, kind) => {
    const mapped = explainGcpError(apiError(code, status, `Google says ${status}.`));
    expect(mapped).toMatchObject({
      kind,
      code: status,
      message: `Google says ${status}.`,
      status: code,
    });
    expect(mapped.cause.length).toBeGreaterThan(10);
    expect(mapped.fix.length).toBeGreaterThan(10);
  });

  it("names the denied permission and the read roles for 403 PERMISSION_DENIED", () => {
    const message =
      "Permission 'iam.serviceAccounts.getIamPolicy' denied on resource (or it may not exist).";
    const mapped = explainGcpError(
      apiError(403, "PERMISSION_DENIED", message, [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "IAM_PERMISSION_DENIED",
          domain: "iam.googleapis.com",
          metadata: { permission: "iam.serviceAccounts.getIamPolicy" },
        },
      ]),
    );
    expect(mapped).toMatchObject({
      kind: "denied",
      code: "PERMISSION_DENIED",
      message,
      status: 403,
    });
    expect(mapped.cause).toContain("iam.serviceAccounts.getIamPolicy");
    expect(mapped.fix).toContain("roles/iam.workloadIdentityPoolViewer");
    expect(mapped.fix).toContain("roles/iam.serviceAccountViewer");
  });

  it("reads the token endpoint's invalid_grant as a refused key", () => {
    const mapped = explainGcpError(
      httpError(400, { error: "invalid_grant", error_description: "Invalid JWT Signature." }),
    );
    expect(mapped).toMatchObject({
      kind: "unauthenticated",
      code: "invalid_grant",
      message: "Invalid JWT Signature.",
      status: 400,
    });
    expect(mapped.fix).toMatch(/new key/);
  });

  it("reads a 429 from the token endpoint as throttling", () => {
    const mapped = explainGcpError(
      httpError(429, { error: "rate_limit_exceeded", error_description: "Slow down" }),
    );
    expect(mapped.kind).toBe("throttled");
  });

  it("reads a status without a Google body by its HTTP status", () => {
    expect(explainGcpError(httpError(502, "<html>Bad Gateway</html>"))).toMatchObject({
      kind: "unavailable",
      code: "HTTP 502",
      status: 502,
    });
  });

  it.each([
    ["ECONNRESET", "could not reach"],
    ["ECONNREFUSED", "could not reach"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "not trusted"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "not trusted"],
  ])("reads the transport failure %s as network", (code, cause) => {
    const mapped = explainGcpError(Object.assign(new Error(`request failed: ${code}`), { code }));
    expect(mapped).toMatchObject({ kind: "network", code });
    expect(mapped.cause).toContain(cause);
  });

  it("passes a CloudCallError through and calls anything else other", () => {
    const cloudError = { kind: "invalid" as const, code: "X", message: "m", cause: "c", fix: "f" };
    expect(explainGcpError(new CloudCallError(cloudError))).toBe(cloudError);
    expect(explainGcpError(new TypeError("boom"))).toMatchObject({
      kind: "other",
      code: "TypeError",
    });
  });
});
