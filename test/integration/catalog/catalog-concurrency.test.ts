import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  awsSpec,
  azureSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  githubIssuerUrl,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { expectProblem, patchItem, postItem } from "./catalog-api";

// Per-identity and per-role limits must hold when requests race: the target
// row lock in prepareBinding serialises writers, and the partial unique index
// binding_azure_issuer_subject_key is the database's last word.

let operatorToken: string;
let workload: TWorkload;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
  workload = await createTestWorkload({ issuer: await createTestIssuer("github-actions") });
});

const post = (target: TTarget, spec: Record<string, unknown>) =>
  postItem("bindings", operatorToken, { workloadId: workload.id, targetId: target.id, spec });

const statuses = (responses: Response[]) => responses.map((response) => response.status).sort();

describe("concurrent catalogue writes", () => {
  it("lets exactly one of two simultaneous FICs with the same issuer and subject through", async () => {
    const target = await createTestTarget("azure-uami");
    const responses = await Promise.all([
      post(target, azureSpec(workload, { name: "race-one" })),
      post(target, azureSpec(workload, { name: "race-two" })),
    ]);
    expect(statuses(responses)).toEqual([201, 422]);
    const loser = responses.find((response) => response.status === 422) as Response;
    await expectProblem(loser, 422, [{ name: "spec.subject", reason: /^Credential "race-/ }]);
    expect(await getDb().binding.count({ where: { targetId: target.id } })).toBe(1);
  });

  it("has the database refuse a duplicate issuer and subject even when the application is bypassed", async () => {
    const target = await createTestTarget("azure-uami");
    const row = (name: string, spec: Record<string, unknown>) =>
      getDb().binding.create({
        data: {
          workloadId: workload.id,
          targetId: target.id,
          cloud: "azure",
          name,
          issuerUrl: githubIssuerUrl,
          subject: workload.subject,
          spec: spec as Prisma.InputJsonValue,
        },
      });
    const results = await Promise.allSettled([
      row("direct-one", azureSpec(workload, { name: "direct-one" })),
      row("direct-two", azureSpec(workload, { name: "direct-two" })),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((result) => result.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "P2002" });
    // Flexible credentials (no subject in the spec) are outside Entra's rule and the index.
    const { subject: _subject, ...flexible } = azureSpec(workload, { name: "direct-flexible" });
    await expect(row("direct-flexible", flexible)).resolves.toMatchObject({
      name: "direct-flexible",
    });
  });

  it("leaves exactly 20 FICs when 25 are created at once on a fresh identity", async () => {
    const target = await createTestTarget("azure-uami");
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        post(target, azureSpec(workload, { name: `burst-${index}`, subject: `burst-${index}` })),
      ),
    );
    expect(statuses(responses)).toEqual([...Array(20).fill(201), ...Array(5).fill(422)]);
    for (const response of responses.filter((candidate) => candidate.status === 422)) {
      await expectProblem(response, 422, [
        {
          name: "spec.name",
          reason:
            "This identity already holds 20 federated credentials, Entra's maximum. Remove one, or consolidate with a flexible credential.",
        },
      ]);
    }
    expect(await getDb().binding.count({ where: { targetId: target.id } })).toBe(20);
  });

  it("lets exactly one of several simultaneous statements claim a Sid on a role", async () => {
    const target = await createTestTarget("aws-role");
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => post(target, awsSpec(workload, { sid: "RaceSid" }))),
    );
    expect(statuses(responses)).toEqual([201, 422, 422, 422]);
    expect(await getDb().binding.count({ where: { targetId: target.id } })).toBe(1);
  });

  it("lets exactly one of two edits based on the same version win", async () => {
    const target = await createTestTarget("azure-app");
    const binding = await createTestBinding({ workload, target, spec: azureSpec(workload) });
    const edit = (description: string) =>
      patchItem("bindings", operatorToken, binding.id, {
        spec: { ...binding.spec, description },
      });
    const responses = await Promise.all([edit("left"), edit("right")]);
    expect(statuses(responses)).toEqual([200, 409]);
    const winner = (await responses
      .find((response) => response.status === 200)
      ?.json()) as TBinding;
    const stored = await getDb().binding.findUniqueOrThrow({ where: { id: binding.id } });
    expect(stored.version).toBe(2);
    expect(stored.spec).toMatchObject({ description: winner.spec.description });
  });
});
