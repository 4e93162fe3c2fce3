// A GCP provider the catalogue describes but the cloud lacks: the plan says
// its bindings' first change creates it, and the apply creates it (a
// long-running operation) with the catalogue's settings, then grants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTestUser, type TestUser } from "@/test/factories/users";
import { approveAndRun, planOfTarget, planStatus } from "./apply-support";
import { gcpApplyWorld } from "./apply-worlds-gcp";
import { setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = gcpApplyWorld();
let operator: TestUser;

beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
  await world.start();
});
afterAll(() => world.stop());

describe("a GCP provider missing in the cloud", () => {
  it("is created by the first planned grant, as the catalogue describes it", async () => {
    const targetId = await world.setUp(env.admin());
    const providers = world.emulator().state.providers;
    const name = [...providers.keys()].find((key) => key.endsWith("/providers/gh-actions"))!;
    providers.delete(name);
    const first = await world.addBinding();
    const second = await world.addBinding();

    const plan = await planOfTarget(env.admin(), targetId);
    expect(plan.summary).toMatchObject({ create: 2, pending: 2 });
    const stored = await getDb().syncPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(stored.targets).toMatchObject([
      { read: "missing", reason: expect.stringContaining("the first change creates it") },
    ]);
    const calls = await getDb().syncOperation.findMany({
      where: { planId: plan.id },
      select: { call: true },
    });
    expect(calls.every((c) => c.call?.startsWith("workloadIdentityPoolProviders.create"))).toBe(
      true,
    );

    await approveAndRun(operator, plan.id);
    expect(await planStatus(plan.id)).toBe("applied");
    expect(providers.get(name)).toMatchObject({
      attributeCondition: "assertion.repository_owner == 'acme'",
      attributeMapping: { "google.subject": "assertion.sub" },
    });
    expect(await world.objectOf(first)).not.toBeNull();
    expect(await world.objectOf(second)).not.toBeNull();
    const again = await planOfTarget(env.admin(), targetId);
    expect(again.summary).toMatchObject({ pending: 0 });
  });
});
