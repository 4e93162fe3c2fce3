import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as bindings from "@/app/api/v1/bindings/route";
import * as workloads from "@/app/api/v1/workloads/route";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  awsSpec,
  azureSpec,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call } from "@/test/support/http";

// Bodies that pass every schema and cloud rule and so reach the database:
// they must be stored (201) or refused (422), never fail there as a 500.

type Body = Record<string, unknown>;

let adminToken: string;
let workload: TWorkload;
let app: TTarget;
let role: TTarget;
let provider: TTarget;
let keycloakIssuerId: string;

beforeAll(async () => {
  adminToken = await createTestToken(await createTestUser({ role: "admin" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
  app = await createTestTarget("azure-app");
  role = await createTestTarget("aws-role");
  provider = await createTestTarget("gcp-provider");
  keycloakIssuerId = (await createTestIssuer("keycloak")).id;
});

const bindingBody = (spec: Body): Body => ({ workloadId: workload.id, targetId: app.id, spec });
const awsBody = (spec: Body) => ({
  ...bindingBody({}),
  targetId: role.id,
  spec: awsSpec(workload, spec),
});

const postBinding = (body: unknown) =>
  call(bindings.POST, { method: "POST", path: "/api/v1/bindings", token: adminToken, body });
const postWorkload = (body: unknown) =>
  call(workloads.POST, { method: "POST", path: "/api/v1/workloads", token: adminToken, body });

describe("catalogue bodies that reach the database", () => {
  it("accepts a spec sent as JSON text, the way the form sends it", async () => {
    const spec = azureSpec(workload, { subject: "as-json-text" });
    const response = await postBinding({ ...bindingBody({}), spec: JSON.stringify(spec) });
    expect(response.status, await response.clone().text()).toBe(201);
  });

  // Lookup columns are bounded (binding.subject is varchar(1024)) and JSON
  // columns refuse unpaired surrogates; a body the schemas and the cloud rules
  // accept must not reach the database and come back as a 500.
  it.each<[string, () => Promise<Response>]>([
    [
      "an AWS trust for 20 repositories",
      () =>
        postBinding(
          awsBody({
            sid: "TwentyRepos",
            builder: {
              audiences: ["sts.amazonaws.com"],
              subjectOperator: "StringLike",
              subjects: Array.from(
                { length: 20 },
                (_, i) => `repo:contoso/service-${i}-with-a-long-name:ref:refs/heads/*`,
              ),
              extraConditions: [],
            },
          }),
        ),
    ],
    [
      "an Azure flexible expression of 1,100 characters",
      () =>
        postBinding(
          bindingBody(
            azureSpec(workload, {
              subject: undefined,
              claimsMatchingExpression: {
                value: `claims['sub'] eq 'repo:contoso/${"a".repeat(1070)}'`,
                languageVersion: 1,
              },
            }),
          ),
        ),
    ],
    [
      "a GCP grant on a 1,000-character attribute value",
      () =>
        postBinding({
          ...bindingBody(
            gcpSpec({
              memberKind: "attribute",
              attributeName: "repository",
              attributeValue: `contoso/${"r".repeat(992)}`,
            }),
          ),
          targetId: provider.id,
        }),
    ],
    [
      "an unpaired surrogate in a FIC subject",
      () => postBinding(bindingBody(azureSpec(workload, { subject: "repo:contoso/\ud800" }))),
    ],
    [
      "an unpaired surrogate in a workload's free subject",
      () =>
        postWorkload({
          name: `surrogate ${randomUUID().slice(0, 8)}`,
          issuerId: keycloakIssuerId,
          subjectSpec: { kind: "free", subject: "\udc00-service" },
        }),
    ],
  ])("answers %s with 201 or 422, never 500", async (_label, request) => {
    const response = await request();
    expect([201, 422], await response.clone().text()).toContain(response.status);
  });
});
