import { describe, expect, it } from "vitest";
import { buildTerraformSubject, ZTerraformSubjectSpec } from "@/lib/catalog/subjects/terraform";

const base = { kind: "terraform", organization: "my-org", workspace: "networking" } as const;

function issuesOf(input: Record<string, unknown>): string[] {
  const result = ZTerraformSubjectSpec.safeParse({ ...base, runPhase: "apply", ...input });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("buildTerraformSubject", () => {
  it.each<[label: string, input: Record<string, unknown>, subject: string]>([
    [
      "the default project when none is given",
      { runPhase: "apply" },
      "organization:my-org:project:Default Project:workspace:networking:run_phase:apply",
    ],
    [
      "a named project and the plan phase",
      { project: "platform", runPhase: "plan" },
      "organization:my-org:project:platform:workspace:networking:run_phase:plan",
    ],
  ])("builds %s", (_label, input, subject) => {
    expect(buildTerraformSubject(ZTerraformSubjectSpec.parse({ ...base, ...input }))).toBe(subject);
  });
});

describe("ZTerraformSubjectSpec", () => {
  it.each<[label: string, input: Record<string, unknown>, issues: string[]]>([
    ["a run phase of '*'", { runPhase: "*" }, ["runPhase: must be one of: plan, apply"]],
    [
      "an organization with a space",
      { organization: "my org" },
      ["organization: use up to 90 letters, digits, '-' or '_'"],
    ],
    [
      "a workspace with ':'",
      { workspace: "a:b" },
      ["workspace: use up to 90 letters, digits, '-' or '_'"],
    ],
    ["a project with ':'", { project: "a:b" }, ["project: must not contain ':'"]],
    [
      "a project with a trailing space",
      { project: "Apps " },
      ["project: must not start or end with spaces"],
    ],
    ["an empty project", { project: "" }, ["project: is required"]],
  ])("refuses %s", (_label, input, issues) => {
    expect(issuesOf(input)).toEqual(issues);
  });
});
