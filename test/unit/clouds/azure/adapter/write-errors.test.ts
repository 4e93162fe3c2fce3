// A refused write explained for the operator: the cloud's code and message
// kept, the write side's cause and fix in place of the read side's.
import { describe, expect, it } from "vitest";
import type { CloudError } from "@/lib/clouds/adapter-types";
import { explainWriteError } from "@/lib/clouds/azure/adapter/write-errors";

const base = { kind: "invalid", status: 400, cause: "read cause", fix: "read fix" } as const;

describe("explainWriteError", () => {
  it.each([
    [
      "AuthorizationFailed",
      "denied",
      403,
      "any",
      /federatedIdentityCredentials\/read, write and delete/,
    ],
    [
      "Authorization_RequestDenied",
      "denied",
      403,
      "Insufficient privileges",
      /Application\.ReadWrite\.OwnedBy/,
    ],
    [
      "BadRequest",
      "invalid",
      400,
      "A managed identity can have at most 20 federated identity credentials.",
      /Delete credentials/,
    ],
    [
      "Request_BadRequest",
      "invalid",
      400,
      "Federated Identity Credential name 'x' is invalid.",
      /name that follows/,
    ],
    [
      "BadRequest",
      "invalid",
      400,
      "The issuer must be a valid URI of at most 600 characters.",
      /issuer URL/,
    ],
    [
      "BadRequest",
      "invalid",
      400,
      "The subject is required and must be at most 600 characters.",
      /either a subject/,
    ],
    [
      "BadRequest",
      "invalid",
      400,
      "Issuer and subject combination already exists for this Managed Identity.",
      /Import that credential/,
    ],
  ] as const)("gives %s (%s) its write fix", (code, kind, status, message, fix) => {
    const explained = explainWriteError({ ...base, kind, status, code, message });
    expect(explained).toMatchObject({ code, kind, status, message });
    expect(explained.fix).toMatch(fix);
  });

  it("keeps the read side's words for failures a write does not change", () => {
    const throttled: CloudError = {
      ...base,
      kind: "throttled",
      status: 429,
      code: "TooManyRequests",
      message: "slow down",
    };
    expect(explainWriteError(throttled)).toEqual(throttled);
    const unknown400: CloudError = { ...base, code: "BadRequest", message: "Something else." };
    expect(explainWriteError(unknown400)).toEqual(unknown400);
  });
});
