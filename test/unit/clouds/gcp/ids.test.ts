import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  projectIdNotNumberMessage,
  ZGcpProjectNumber,
  ZGcpRole,
  ZPoolId,
  ZProviderId,
  ZServiceAccountEmail,
} from "@/lib/clouds/gcp/ids";

function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("ZGcpProjectNumber", () => {
  it.each<[label: string, value: string, issues: string[]]>([
    ["a project number", "123456789012", []],
    ["a project ID", "my-project-123", [projectIdNotNumberMessage]],
    ["a project ID without dashes", "myproject", [projectIdNotNumberMessage]],
    ["21 digits", "1".repeat(21), ["must be the project number: 1-20 digits"]],
    ["an empty value", "", ["must be the project number: 1-20 digits"]],
    ["digits with a dot", "123.4", ["must be the project number: 1-20 digits"]],
  ])("checks %s", (_label, value, issues) => {
    expect(issuesOf(ZGcpProjectNumber, value)).toEqual(issues);
  });

  it("tells the operator how to find the number", () => {
    expect(projectIdNotNumberMessage).toBe(
      "this looks like a project ID; Workload Identity Federation needs the project NUMBER (gcloud projects describe <id> --format='value(projectNumber)')",
    );
  });
});

describe.each([
  ["pool", ZPoolId],
  ["provider", ZProviderId],
] as const)("the %s ID", (what, schema) => {
  it.each<[label: string, value: string, issues: string[]]>([
    ["4 characters", "gh-1", []],
    ["32 characters", "a".repeat(32), []],
    ["3 characters", "abc", [`a ${what} ID has 4-32 characters`]],
    ["33 characters", "a".repeat(33), [`a ${what} ID has 4-32 characters`]],
    ["capitals", "GitHub", [`a ${what} ID uses only lower-case letters, digits and '-'`]],
    ["an underscore", "git_hub", [`a ${what} ID uses only lower-case letters, digits and '-'`]],
    [
      "the reserved gcp- prefix",
      "gcp-github",
      [`Google reserves the prefix gcp- and refuses ${what} IDs that start with it`],
    ],
  ])("checks %s", (_label, value, issues) => {
    expect(issuesOf(schema, value)).toEqual(issues);
  });
});

describe("ZServiceAccountEmail", () => {
  it.each<[value: string, ok: boolean]>([
    ["deployer@my-project.iam.gserviceaccount.com", true],
    ["123456789012-compute@developer.gserviceaccount.com", true],
    ["deployer", false],
    ["deployer@", false],
  ])("checks %s", (value, ok) => {
    expect(ZServiceAccountEmail.safeParse(value).success).toBe(ok);
  });

  it("says what a service account email looks like", () => {
    expect(issuesOf(ZServiceAccountEmail, "deployer")).toEqual([
      "must be a service account email, e.g. name@project.iam.gserviceaccount.com",
    ]);
  });
});

describe("ZGcpRole", () => {
  it("defaults to roles/iam.workloadIdentityUser", () => {
    expect(ZGcpRole.parse(undefined)).toBe("roles/iam.workloadIdentityUser");
  });

  it.each<[value: string, ok: boolean]>([
    ["roles/iam.serviceAccountTokenCreator", true],
    ["projects/my-project/roles/customFederation", true],
    ["organizations/123456/roles/custom.role", true],
    ["iam.workloadIdentityUser", false],
    ["roles/", false],
  ])("checks %s", (value, ok) => {
    expect(ZGcpRole.safeParse(value).success).toBe(ok);
  });
});
