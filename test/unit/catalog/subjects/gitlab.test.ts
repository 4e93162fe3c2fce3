import { describe, expect, it } from "vitest";
import { buildGitlabSubject, ZGitlabSubjectSpec } from "@/lib/catalog/subjects/gitlab";

const base = { kind: "gitlab", form: "project_path", projectPath: "mygroup/myproject" } as const;

function issuesOf(input: Record<string, unknown>): string[] {
  const result = ZGitlabSubjectSpec.safeParse({
    ...base,
    refType: "branch",
    ref: "main",
    ...input,
  });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("buildGitlabSubject", () => {
  it.each<[label: string, input: Record<string, unknown>, subject: string]>([
    [
      "a branch by project path",
      { refType: "branch", ref: "main" },
      "project_path:mygroup/myproject:ref_type:branch:ref:main",
    ],
    [
      "a tag in a subgroup",
      { projectPath: "group/subgroup/project", refType: "tag", ref: "v1.0.0" },
      "project_path:group/subgroup/project:ref_type:tag:ref:v1.0.0",
    ],
    [
      "the project_id form from CLOUDS §4",
      { form: "project_id", projectId: "57382910", refType: "branch", ref: "main" },
      "project_id:57382910:ref_type:branch:ref:main",
    ],
    [
      "a nested branch name, bare",
      { refType: "branch", ref: "feature/login" },
      "project_path:mygroup/myproject:ref_type:branch:ref:feature/login",
    ],
  ])("builds %s", (_label, input, subject) => {
    expect(buildGitlabSubject(ZGitlabSubjectSpec.parse({ ...base, ...input }))).toBe(subject);
  });
});

describe("ZGitlabSubjectSpec", () => {
  it.each<[label: string, input: Record<string, unknown>, issues: string[]]>([
    [
      "the project_id form without an id",
      { form: "project_id" },
      ["projectId: is required when the subject leads with project_id"],
    ],
    [
      "a non-numeric project id",
      { projectId: "abc" },
      ["projectId: must be the numeric project id"],
    ],
    [
      "a project without its group",
      { projectPath: "myproject" },
      [
        "projectPath: must be the full project path, e.g. group/subgroup/project (letters, digits, '_', '-', '.')",
      ],
    ],
    [
      "a path segment starting with '-'",
      { projectPath: "group/-project" },
      [
        "projectPath: must be the full project path, e.g. group/subgroup/project (letters, digits, '_', '-', '.')",
      ],
    ],
    [
      "a ref with the refs/heads/ prefix",
      { ref: "refs/heads/main" },
      ["ref: GitLab puts the bare name in sub: drop the refs/heads/ or refs/tags/ prefix"],
    ],
    ["a ref with a space", { ref: "my branch" }, ["ref: must not contain spaces or line breaks"]],
    ["a ref with ':'", { ref: "a:b" }, ["ref: must not contain ':' (Git forbids it in ref names)"]],
    ["an empty ref", { ref: "" }, ["ref: is required"]],
    ["an unknown ref type", { refType: "merge_request" }, ["refType: must be one of: branch, tag"]],
  ])("refuses %s", (_label, input, issues) => {
    expect(issuesOf(input)).toEqual(issues);
  });
});
