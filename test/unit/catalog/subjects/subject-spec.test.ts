import { describe, expect, it } from "vitest";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import {
  buildSubject,
  subjectSpecKindFor,
  ZSubject,
  ZSubjectSpec,
  type SubjectSpecKind,
  type TSubjectSpec,
} from "@/lib/catalog/subjects/subject-spec";

function issuesOf(input: unknown): string[] {
  const result = ZSubjectSpec.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("buildSubject", () => {
  it.each<[label: string, input: Record<string, unknown>, subject: string]>([
    [
      "a GitHub environment",
      { kind: "github", owner: "o", repo: "r", trigger: "environment", name: "prod" },
      "repo:o/r:environment:prod",
    ],
    [
      "a GitLab branch",
      { kind: "gitlab", form: "project_path", projectPath: "g/p", refType: "branch", ref: "main" },
      "project_path:g/p:ref_type:branch:ref:main",
    ],
    [
      "a Kubernetes service account",
      { kind: "kubernetes", namespace: "wkldid", serviceAccount: "sawkldid" },
      "system:serviceaccount:wkldid:sawkldid",
    ],
    [
      "an HCP Terraform apply",
      { kind: "terraform", organization: "o", workspace: "w", runPhase: "apply" },
      "organization:o:project:Default Project:workspace:w:run_phase:apply",
    ],
    [
      "a free CircleCI subject",
      { kind: "free", subject: "org/1/project/2/user/3" },
      "org/1/project/2/user/3",
    ],
  ])("dispatches %s to its builder", (_label, input, subject) => {
    expect(buildSubject(ZSubjectSpec.parse(input))).toBe(subject);
  });

  it("throws, naming Entra's limit, when an unvalidated spec builds over 600 characters", () => {
    const spec: TSubjectSpec = {
      kind: "gitlab",
      form: "project_path",
      projectPath: `g/${"p".repeat(250)}`,
      refType: "branch",
      ref: "b".repeat(400),
    };
    expect(() => buildSubject(spec)).toThrow(
      "the subject would be 686 characters; Entra refuses subjects over 600",
    );
  });
});

describe("ZSubjectSpec", () => {
  it("refuses a built subject over 600 characters, naming the limit", () => {
    expect(
      issuesOf({
        kind: "github",
        owner: "o",
        repo: "r".repeat(100),
        trigger: "branch",
        name: "b".repeat(255),
        claimKeys: ["repo", "context", "job_workflow_ref"],
        claimValues: { job_workflow_ref: "w".repeat(300) },
      }),
    ).toEqual([": the subject would be 696 characters; Entra refuses subjects over 600"]);
  });

  it("refuses an unknown kind, listing the known ones", () => {
    expect(issuesOf({ kind: "bitbucket", subject: "x" })).toEqual([
      "kind: must be one of: github, gitlab, kubernetes, terraform, free",
    ]);
  });

  it("reports a missing template value once, without a length error", () => {
    expect(
      issuesOf({
        kind: "github",
        owner: "o",
        repo: "r",
        trigger: "pull_request",
        claimKeys: ["actor"],
      }),
    ).toEqual([
      'claimValues.actor: the template includes "actor": give the value the token carries for it',
    ]);
  });
});

describe("ZSubject", () => {
  it.each<[subject: string, ok: boolean]>([
    ["", false],
    ["x".repeat(600), true],
    ["x".repeat(601), false],
  ])("checks the length of %#", (subject, ok) => {
    expect(ZSubject.safeParse(subject).success).toBe(ok);
  });
});

describe("subjectSpecKindFor", () => {
  it.each<[IssuerKind, SubjectSpecKind]>([
    ["github-actions", "github"],
    ["gitlab", "gitlab"],
    ["kubernetes-aks", "kubernetes"],
    ["kubernetes-eks", "kubernetes"],
    ["kubernetes-gke", "kubernetes"],
    ["kubernetes-other", "kubernetes"],
    ["terraform-cloud", "terraform"],
    ["azure-devops", "free"],
    ["circleci", "free"],
    ["keycloak", "free"],
    ["spire", "free"],
    ["generic", "free"],
  ])("maps %s issuers to %s subjects", (issuerKind, kind) => {
    expect(subjectSpecKindFor(issuerKind)).toBe(kind);
  });
});
