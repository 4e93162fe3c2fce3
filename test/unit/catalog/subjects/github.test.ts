import { describe, expect, it } from "vitest";
import {
  buildGithubSubject,
  githubRepository,
  ZGithubSubjectSpec,
  type TGithubSubjectSpec,
} from "@/lib/catalog/subjects/github";

const base = { kind: "github", owner: "octo-org", repo: "octo-repo" } as const;

function build(input: Record<string, unknown>): string {
  return buildGithubSubject(ZGithubSubjectSpec.parse({ ...base, ...input }));
}

function issuesOf(input: Record<string, unknown>): string[] {
  const result = ZGithubSubjectSpec.safeParse({ ...base, ...input });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("buildGithubSubject", () => {
  it.each<[label: string, input: Record<string, unknown>, subject: string]>([
    [
      "a branch",
      { trigger: "branch", name: "main" },
      "repo:octo-org/octo-repo:ref:refs/heads/main",
    ],
    [
      "a nested branch",
      { trigger: "branch", name: "release/v2" },
      "repo:octo-org/octo-repo:ref:refs/heads/release/v2",
    ],
    ["a tag", { trigger: "tag", name: "v1.2.3" }, "repo:octo-org/octo-repo:ref:refs/tags/v1.2.3"],
    [
      "an environment",
      { trigger: "environment", name: "Production" },
      "repo:octo-org/octo-repo:environment:Production",
    ],
    ["a pull request", { trigger: "pull_request" }, "repo:octo-org/octo-repo:pull_request"],
    [
      "an environment name with ':' escaped",
      { trigger: "environment", name: "prod:eu" },
      "repo:octo-org/octo-repo:environment:prod%3Aeu",
    ],
  ])("builds GitHub's default subject for %s", (_label, input, subject) => {
    expect(build(input)).toBe(subject);
  });

  it("builds the immutable form from CLOUDS §4", () => {
    const subject = buildGithubSubject(
      ZGithubSubjectSpec.parse({
        kind: "github",
        owner: "contoso",
        repo: "payments-api",
        trigger: "branch",
        name: "main",
        immutable: { ownerId: "5544123", repoId: "821093847" },
      }),
    );
    expect(subject).toBe("repo:contoso@5544123/payments-api@821093847:ref:refs/heads/main");
  });

  it("builds the CLOUDS §4 custom template with job_workflow_ref", () => {
    const subject = buildGithubSubject(
      ZGithubSubjectSpec.parse({
        kind: "github",
        owner: "ORG",
        repo: "REPO",
        trigger: "environment",
        name: "prod",
        claimKeys: ["repo", "context", "job_workflow_ref"],
        claimValues: {
          job_workflow_ref: "octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main",
        },
      }),
    );
    expect(subject).toBe(
      "repo:ORG/REPO:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main",
    );
  });

  it.each<[label: string, input: Record<string, unknown>, subject: string]>([
    [
      "keys other than repo and context only",
      {
        trigger: "branch",
        name: "main",
        claimKeys: ["repository_owner", "repository_visibility"],
        claimValues: { repository_owner: "monalisa", repository_visibility: "private" },
      },
      "repository_owner:monalisa:repository_visibility:private",
    ],
    [
      "the keys in the template's order",
      {
        trigger: "pull_request",
        claimKeys: ["context", "repo"],
      },
      "pull_request:repo:octo-org/octo-repo",
    ],
    [
      "the immutable repo part",
      {
        trigger: "tag",
        name: "v1",
        immutable: { ownerId: "1", repoId: "2" },
        claimKeys: ["repo", "context"],
      },
      "repo:octo-org@1/octo-repo@2:ref:refs/tags/v1",
    ],
    [
      "claim values with ':' escaped",
      {
        trigger: "branch",
        name: "main",
        claimKeys: ["repo", "workflow"],
        claimValues: { workflow: "deploy: prod" },
      },
      "repo:octo-org/octo-repo:workflow:deploy%3A prod",
    ],
  ])("builds a custom template with %s", (_label, input, subject) => {
    expect(build(input)).toBe(subject);
  });

  it("drops a name left over when the trigger is pull_request", () => {
    const spec = ZGithubSubjectSpec.parse({ ...base, trigger: "pull_request", name: "main" });
    expect(spec).not.toHaveProperty("name");
    expect(buildGithubSubject(spec)).toBe("repo:octo-org/octo-repo:pull_request");
  });

  it("throws when a template key has no value and the spec skipped validation", () => {
    const spec: TGithubSubjectSpec = { ...base, trigger: "pull_request", claimKeys: ["actor"] };
    expect(() => buildGithubSubject(spec)).toThrow(
      'The subject template includes "actor" but gives no value.',
    );
  });
});

describe("githubRepository", () => {
  it("joins owner and repository as the repository claim carries them", () => {
    expect(githubRepository({ owner: "octo-org", repo: "octo-repo" })).toBe("octo-org/octo-repo");
  });
});

describe("ZGithubSubjectSpec", () => {
  it.each<[label: string, input: Record<string, unknown>, issues: string[]]>([
    ["a branch without a name", { trigger: "branch" }, ["name: name the branch"]],
    [
      "an environment without a name",
      { trigger: "environment", name: "" },
      ["name: name the environment"],
    ],
    [
      "a branch name with a space",
      { trigger: "branch", name: "my branch" },
      ["name: must not contain spaces or line breaks"],
    ],
    ["a tag name with '..'", { trigger: "tag", name: "v1..2" }, ["name: must not contain '..'"]],
    [
      "a branch name over 255 characters",
      { trigger: "branch", name: "b".repeat(256) },
      ["name: must be at most 255 characters"],
    ],
    [
      "an environment name with surrounding spaces",
      { trigger: "environment", name: " prod" },
      ["name: must not start or end with spaces"],
    ],
    [
      "an owner starting with '-'",
      { owner: "-octo", trigger: "pull_request" },
      [
        "owner: must be a GitHub user or organization name: up to 39 letters, digits or '-', not starting with '-'",
      ],
    ],
    [
      "an owner of 40 characters",
      { owner: "a".repeat(40), trigger: "pull_request" },
      [
        "owner: must be a GitHub user or organization name: up to 39 letters, digits or '-', not starting with '-'",
      ],
    ],
    [
      "a repository name with '/'",
      { repo: "a/b", trigger: "pull_request" },
      ["repo: must be a repository name: up to 100 letters, digits, '.', '_' or '-'"],
    ],
    [
      "an unknown trigger",
      { trigger: "push" },
      ["trigger: must be one of: branch, tag, environment, pull_request"],
    ],
    [
      "a non-numeric immutable id",
      { trigger: "pull_request", immutable: { ownerId: "contoso", repoId: "1" } },
      ["immutable.ownerId: must be the numeric id (digits only)"],
    ],
    [
      "a template key without a value",
      { trigger: "pull_request", claimKeys: ["repo", "job_workflow_ref"] },
      [
        'claimValues.job_workflow_ref: the template includes "job_workflow_ref": give the value the token carries for it',
      ],
    ],
    [
      "an empty template",
      { trigger: "pull_request", claimKeys: [] },
      ["claimKeys: list at least one claim key, or use GitHub's default template"],
    ],
    [
      "a repeated template key",
      { trigger: "pull_request", claimKeys: ["repo", "repo"] },
      ["claimKeys: claim keys must be unique"],
    ],
    [
      "a template key with '-'",
      { trigger: "pull_request", claimKeys: ["job-workflow"] },
      ["claimKeys.0: claim keys use letters, digits and '_' only"],
    ],
    ["an unknown field", { trigger: "pull_request", extra: 1 }, [': Unrecognized key: "extra"']],
  ])("refuses %s", (_label, input, issues) => {
    expect(issuesOf(input)).toEqual(issues);
  });

  it.each<[label: string, input: Record<string, unknown>]>([
    ["an owner of 39 characters", { owner: "a".repeat(39), trigger: "pull_request" }],
    ["a repository name with dots", { repo: "my.repo_v2-x", trigger: "pull_request" }],
    ["an environment name with a space", { trigger: "environment", name: "Production EU" }],
    [
      "a null immutable and a null template",
      { trigger: "pull_request", immutable: null, claimKeys: null },
    ],
  ])("accepts %s", (_label, input) => {
    expect(issuesOf(input)).toEqual([]);
  });
});
