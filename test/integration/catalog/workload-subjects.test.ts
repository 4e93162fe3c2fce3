import { beforeAll, describe, expect, it } from "vitest";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { getDb } from "@/lib/db/client";
import type { TWorkload } from "@/lib/schemas/workload";
import { createTestIssuer, subjectSpecFor, uniqueSuffix } from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { created, expectProblem, postItem, unknownId } from "./catalog-api";

// The subject builders as the API applies them (CLOUDS.md §4): the stored
// `subject` is exactly the `sub` each issuer puts in its tokens.

let operatorToken: string;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
});

async function postWorkload(issuerKind: IssuerKind, subjectSpec: unknown, name?: string) {
  const issuer = await createTestIssuer(issuerKind);
  return postItem("workloads", operatorToken, {
    name: name ?? `workload ${uniqueSuffix()}`,
    issuerId: issuer.id,
    team: "platform",
    subjectSpec,
  });
}

const payments = { kind: "github", owner: "contoso", repo: "payments-api" };

describe("workload subjects", () => {
  it.each<[string, IssuerKind, Record<string, unknown>, string]>([
    [
      "GitHub environment, ':' escaped",
      "github-actions",
      { ...payments, trigger: "environment", name: "prod:eu" },
      "repo:contoso/payments-api:environment:prod%3Aeu",
    ],
    [
      "GitHub branch",
      "github-actions",
      { ...payments, trigger: "branch", name: "main" },
      "repo:contoso/payments-api:ref:refs/heads/main",
    ],
    [
      "GitHub tag",
      "github-actions",
      { ...payments, trigger: "tag", name: "v2.4.0" },
      "repo:contoso/payments-api:ref:refs/tags/v2.4.0",
    ],
    [
      "GitHub pull_request",
      "github-actions",
      { ...payments, trigger: "pull_request" },
      "repo:contoso/payments-api:pull_request",
    ],
    [
      "GitHub immutable",
      "github-actions",
      {
        ...payments,
        trigger: "branch",
        name: "main",
        immutable: { ownerId: "5544123", repoId: "821093847" },
      },
      "repo:contoso@5544123/payments-api@821093847:ref:refs/heads/main",
    ],
    [
      "GitHub custom template",
      "github-actions",
      {
        ...payments,
        trigger: "environment",
        name: "production",
        claimKeys: ["repo", "context", "workflow"],
        claimValues: { workflow: "Deploy: prod" },
      },
      "repo:contoso/payments-api:environment:production:workflow:Deploy%3A prod",
    ],
    [
      "GitLab project_path",
      "gitlab",
      {
        kind: "gitlab",
        form: "project_path",
        projectPath: "contoso/mobile/app",
        refType: "branch",
        ref: "main",
      },
      "project_path:contoso/mobile/app:ref_type:branch:ref:main",
    ],
    [
      "GitLab project_id",
      "gitlab",
      {
        kind: "gitlab",
        form: "project_id",
        projectPath: "contoso/mobile/app",
        projectId: "4242",
        refType: "tag",
        ref: "v1.0",
      },
      "project_id:4242:ref_type:tag:ref:v1.0",
    ],
    [
      "AKS service account",
      "kubernetes-aks",
      { kind: "kubernetes", namespace: "wkldid", serviceAccount: "sawkldid" },
      "system:serviceaccount:wkldid:sawkldid",
    ],
    [
      "EKS service account",
      "kubernetes-eks",
      { kind: "kubernetes", namespace: "billing", serviceAccount: "billing-api" },
      "system:serviceaccount:billing:billing-api",
    ],
    [
      "Terraform, default project",
      "terraform-cloud",
      { kind: "terraform", organization: "contoso", workspace: "network-prod", runPhase: "plan" },
      "organization:contoso:project:Default Project:workspace:network-prod:run_phase:plan",
    ],
    [
      "Keycloak free subject",
      "keycloak",
      { kind: "free", subject: "3f1c9a7e-5b2d-4c8e-9a6f-0d1e2f3a4b5c" },
      "3f1c9a7e-5b2d-4c8e-9a6f-0d1e2f3a4b5c",
    ],
    [
      "SPIRE free subject",
      "spire",
      { kind: "free", subject: "spiffe://example.org/ns/demo/sa/demo" },
      "spiffe://example.org/ns/demo/sa/demo",
    ],
  ])("stores the sub the %s builder produces", async (_label, issuerKind, subjectSpec, subject) => {
    const response = await postWorkload(issuerKind, subjectSpec);
    const workload = await created<TWorkload>(response);
    expect(workload.subject).toBe(subject);
    const row = await getDb().workload.findUniqueOrThrow({ where: { id: workload.id } });
    expect(row.subject).toBe(subject);
  });

  it.each<[IssuerKind, string, string]>([
    ["github-actions", "gitlab", "github"],
    ["gitlab", "terraform", "gitlab"],
    ["kubernetes-eks", "free", "kubernetes"],
    ["terraform-cloud", "github", "terraform"],
    ["keycloak", "kubernetes", "free"],
  ])(
    "refuses a %s issuer's workload described with the %s builder",
    async (issuerKind, kind, expected) => {
      const spec = subjectSpecFor(kind as Parameters<typeof subjectSpecFor>[0]);
      await expectProblem(await postWorkload(issuerKind, spec), 422, [
        { name: "subjectSpec.kind", reason: `must be "${expected}" for this issuer` },
      ]);
    },
  );

  it("refuses a typed subject over 600 characters and accepts exactly 600", async () => {
    const over = await postWorkload("generic", { kind: "free", subject: "s".repeat(601) });
    await expectProblem(over, 422, [
      {
        name: "subjectSpec.subject",
        reason: "must be at most 600 characters (Entra's limit for a subject)",
      },
    ]);
    const at = await created<TWorkload>(
      await postWorkload("generic", { kind: "free", subject: "s".repeat(600) }),
    );
    expect(at.subject).toHaveLength(600);
  });

  it("refuses a built subject that would pass 600 characters", async () => {
    const value = "w".repeat(600);
    const spec = {
      ...payments,
      trigger: "environment",
      name: "production",
      claimKeys: ["repo", "context", "workflow"],
      claimValues: { workflow: value },
    };
    const length = `repo:contoso/payments-api:environment:production:workflow:${value}`.length;
    await expectProblem(await postWorkload("github-actions", spec), 422, [
      {
        name: "subjectSpec",
        reason: `the subject would be ${length} characters; Entra refuses subjects over 600`,
      },
    ]);
  });

  it("refuses an unknown issuer with 422 on issuerId", async () => {
    const response = await postItem("workloads", operatorToken, {
      name: `orphan ${uniqueSuffix()}`,
      issuerId: unknownId,
      subjectSpec: subjectSpecFor("free"),
    });
    await expectProblem(response, 422, [{ name: "issuerId", reason: "no issuer with this id" }]);
  });
});
