// The reverse lookup through its API routes, on the demo estate seeded
// through the console's use-cases: the seed scenarios (GitHub environment,
// AKS with the trailing-slash issuer, Keycloak client, AWS GitHub role, GCP
// principalSet), the target and workload views, and the refusals.
import { beforeAll, describe, expect, it } from "vitest";
import * as query from "@/app/api/v1/graph/reach/route";
import * as targetReach from "@/app/api/v1/targets/[id]/reach/route";
import * as workloadReach from "@/app/api/v1/workloads/[id]/reach/route";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import type { TReachAnswer, TTargetReach, TWorkloadReach } from "@/lib/trust-map/reach-schemas";
import { createTestBinding } from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";

const github = "https://token.actions.githubusercontent.com";
const aks =
  "https://westeurope.oic.prod-aks.azure.com/4c8a7f0e-2b1d-4e9a-9c3f-6d5e8b7a1c20/9b2e4d6f-1a3c-4e5b-8d7f-0c1e2a3b4c5d/";
const unknownId = "00000000-0000-4000-8000-000000000000";

let viewerToken: string;

const idOf = async (table: "cloudTarget" | "workload", name: string) =>
  table === "cloudTarget"
    ? (await getDb().cloudTarget.findUniqueOrThrow({ where: { name } })).id
    : (await getDb().workload.findUniqueOrThrow({ where: { name } })).id;

beforeAll(async () => {
  await seedDemo();
  // The seed scenario "GitHub environment → Entra app": the demo's app
  // registration also trusts the payments production environment.
  await createTestBinding({
    workload: { id: await idOf("workload", "payments-api · production") },
    target: { id: await idOf("cloudTarget", "app-platform-deployer") },
    spec: {
      cloud: "azure",
      name: "payments-api-production",
      issuer: github,
      audiences: ["api://AzureADTokenExchange"],
      subject: "repo:contoso/payments-api:environment:production",
    },
  });
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

const ask = (body: unknown) =>
  call(query.POST, { method: "POST", path: "/api/v1/graph/reach", token: viewerToken, body });

async function accepting(body: unknown): Promise<string[]> {
  const response = await ask(body);
  expect(response.status).toBe(200);
  const answer = (await response.json()) as TReachAnswer;
  return answer.bindings
    .filter((binding) => binding.verdict === "accepted")
    .map((binding) => `${binding.target.name}/${binding.binding.name}`);
}

describe("POST /api/v1/graph/reach", () => {
  it("finds every binding across clouds a GitHub environment job would get through", async () => {
    const found = await accepting({
      issuer: github,
      subjectSpec: {
        kind: "github",
        owner: "contoso",
        repo: "payments-api",
        trigger: "environment",
        name: "production",
      },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "app-platform-deployer/payments-api-production",
        "uami-payments-prod/payments-api-production",
        "aws-web-deployer/PaymentsAnyRef",
        "aws-legacy-ci/AnyGithubRepository",
        "gcp-github/payments-production",
        "gcp-github/everyone-in-pool",
      ]),
    );
    expect(found).not.toContain("uami-payments-prod/payments-api-staging");
  });

  it("matches an AKS service account only under the issuer with its trailing slash", async () => {
    const spec = { kind: "kubernetes", namespace: "wkldid", serviceAccount: "sawkldid" };
    expect(await accepting({ issuer: aks, subjectSpec: spec })).toEqual([
      "uami-aks-wkldid/aks-wkldid-sawkldid",
    ]);
    expect(await accepting({ issuer: aks.slice(0, -1), subjectSpec: spec })).toEqual([]);
  });

  it("finds the Entra app a Keycloak client reaches from its raw claims", async () => {
    expect(
      await accepting({
        issuer: "https://keycloak.example.com/realms/platform",
        claims: { sub: "3f1c9a7e-5b2d-4c8e-9a6f-0d1e2f3a4b5c", azp: "reporting-service" },
      }),
    ).toEqual(["app-platform-deployer/keycloak-reporting-service"]);
  });

  it("marks a free-form identity's answer as resting on sub and aud alone", async () => {
    const response = await ask({
      issuer: "https://keycloak.example.com/realms/platform",
      subjectSpec: { kind: "free", subject: "3f1c9a7e-5b2d-4c8e-9a6f-0d1e2f3a4b5c" },
    });
    const answer = (await response.json()) as TReachAnswer;
    expect(answer.partialToken).toBe(true);
    expect(answer.bindings.map((entry) => [entry.binding.name, entry.verdict])).toEqual([
      ["keycloak-reporting-service", "accepted"],
    ]);
  });

  it("finds the AWS role a GitHub branch reaches, and not the statement made for another branch", async () => {
    const found = await accepting({
      issuer: github,
      claims: {
        sub: "repo:contoso/web:ref:refs/heads/main",
        repository: "contoso/web",
        repository_owner: "contoso",
        ref: "refs/heads/main",
      },
    });
    expect(found).toContain("aws-web-deployer/WebMain");
    expect(found).not.toContain("aws-web-deployer/WebReleaseTags");
    // The case slip made for this workload admits nobody.
    expect(found).not.toContain("app-platform-deployer/web-main");
  });

  it("shows a GCP principalSet admitting any repository the provider lets in, and not others", async () => {
    const claims = (owner: string) => ({
      sub: `repo:${owner}/tool:ref:refs/heads/main`,
      repository: `${owner}/tool`,
      repository_owner: owner,
    });
    expect(await accepting({ issuer: github, claims: claims("contoso") })).toEqual(
      expect.arrayContaining(["gcp-github/everyone-in-pool", "aws-legacy-ci/AnyGithubRepository"]),
    );
    const outsider = await accepting({ issuer: github, claims: claims("fabrikam") });
    expect(outsider).toEqual(["aws-legacy-ci/AnyGithubRepository"]);
  });

  it.each([
    ["neither claims nor a subject spec", { issuer: github }],
    [
      "both claims and a subject spec",
      { issuer: github, claims: { sub: "x" }, subjectSpec: { kind: "free", subject: "x" } },
    ],
    ["claims without sub", { issuer: github, claims: { aud: "x" } }],
    ["an unknown field", { issuer: github, claims: { sub: "x" }, token: "eyJ" }],
    ["no issuer", { claims: { sub: "x" } }],
  ])("answers 422 for a body with %s", async (_name, body) => {
    const response = await ask(body);
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.invalid_params?.length).toBeGreaterThan(0);
  });

  it("answers 401 without a session or token", async () => {
    const response = await call(query.POST, {
      method: "POST",
      path: "/api/v1/graph/reach",
      body: { issuer: github, claims: { sub: "x" } },
    });
    expect(response.status).toBe(401);
  });
});

describe("GET /api/v1/targets/{id}/reach", () => {
  it("lists who reaches a role, through which binding, and what its patterns admit", async () => {
    const id = await idOf("cloudTarget", "aws-web-deployer");
    const response = await call(targetReach.GET, {
      path: `/api/v1/targets/${id}/reach`,
      params: { id },
      token: viewerToken,
    });
    expect(response.status).toBe(200);
    const reach = (await response.json()) as TTargetReach;
    const staging = reach.edges.find(
      (edge) =>
        edge.workload.name === "payments-api · staging" && edge.binding.name === "PaymentsAnyRef",
    );
    expect(staging).toMatchObject({ kind: "effective", declared: false, verdict: "accepted" });
    expect(reach.open.map((edge) => edge.binding.name)).toEqual(
      expect.arrayContaining(["PaymentsAnyRef", "WebReleaseTags"]),
    );
  });

  it("shows the case slip on the Entra app as a broken trust with Entra's error", async () => {
    const id = await idOf("cloudTarget", "app-platform-deployer");
    const response = await call(targetReach.GET, {
      path: `/api/v1/targets/${id}/reach`,
      params: { id },
      token: viewerToken,
    });
    const reach = (await response.json()) as TTargetReach;
    const slip = reach.edges.find((edge) => edge.binding.name === "web-main");
    expect(slip).toMatchObject({ kind: "broken", declared: true, verdict: "refused" });
    expect(slip?.cloudError?.code).toMatch(/^AADSTS/);
  });

  it("answers 404 for an unknown target", async () => {
    const response = await call(targetReach.GET, {
      path: `/api/v1/targets/${unknownId}/reach`,
      params: { id: unknownId },
      token: viewerToken,
    });
    expect(response.status).toBe(404);
  });
});

describe("GET /api/v1/workloads/{id}/reach", () => {
  it("lists what a workload reaches, including through bindings made for others", async () => {
    const id = await idOf("workload", "payments-api · staging");
    const response = await call(workloadReach.GET, {
      path: `/api/v1/workloads/${id}/reach`,
      params: { id },
      token: viewerToken,
    });
    expect(response.status).toBe(200);
    const reach = (await response.json()) as TWorkloadReach;
    const effective = reach.edges
      .filter((edge) => edge.kind === "effective")
      .map((edge) => `${edge.target.name}/${edge.binding.name}/${edge.declared}`);
    expect(effective).toEqual(
      expect.arrayContaining([
        "uami-payments-prod/payments-api-staging/true",
        "aws-web-deployer/PaymentsAnyRef/false",
        "aws-legacy-ci/AnyGithubRepository/false",
      ]),
    );
    expect(effective).not.toContain("uami-payments-prod/payments-api-production/false");
  });

  it("answers 404 for an unknown workload", async () => {
    const response = await call(workloadReach.GET, {
      path: `/api/v1/workloads/${unknownId}/reach`,
      params: { id: unknownId },
      token: viewerToken,
    });
    expect(response.status).toBe(404);
  });
});
