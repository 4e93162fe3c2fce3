// One run writes a plan at a time (a second one, e.g. a job handed on after
// an expiry, is turned away until the first is done), and a binding edited
// after the approval is not written in its planned, older form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudWriter } from "@/lib/clouds/adapter-types";
import { cloudWriter } from "@/lib/clouds/writers";
import { getDb } from "@/lib/db/client";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";
import { startApply } from "@/lib/sync/apply/start-apply";
import { recheckPlan } from "@/lib/sync/plan/recheck-plan";
import { createTestUser, type TestUser } from "@/test/factories/users";
import { operationsOf, planOfTarget, planStatus } from "./apply-support";
import { awsApplyWorld } from "./apply-worlds-aws";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = awsApplyWorld("emulator");
let operator: TestUser;

beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
  await world.start();
});
afterAll(() => world.stop());

/** The real AWS writer, holding each change until `release` is called. */
function heldWriter() {
  const real = cloudWriter("aws");
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let entered = 0;
  const writer: CloudWriter = {
    ...real,
    async applyChange(...args) {
      entered += 1;
      await gate;
      return real.applyChange(...args);
    },
  };
  return { writer, release: () => release(), entered: () => entered };
}

describe("a plan's apply", () => {
  it("is written by one run at a time; a second run is turned away and the plan is not marked stale", async () => {
    const targetId = await world.setUp(env.admin());
    await world.addBinding();
    const second = await world.addBinding();
    const plan = await planOfTarget(env.admin(), targetId);
    await startApply({ ...caller(operator), planId: plan.id, mode: "pending", enqueue: false });
    const held = heldWriter();
    const first = runApplyJob({ planId: plan.id }, { writerFor: () => held.writer });
    await expect.poll(held.entered).toBe(1);

    await expect(runApplyJob({ planId: plan.id })).rejects.toThrow(
      "Another run is applying this plan.",
    );
    // A second approval's re-check, after the catalogue moved on, must leave the running plan applying.
    await world.edit(env.admin(), second);
    expect(await recheckPlan(plan.id)).toEqual({ fresh: false });
    expect(await planStatus(plan.id)).toBe("applying");

    held.release();
    await first;
    // The edited binding's planned version is not written (see the next test).
    expect(await planStatus(plan.id)).toBe("failed");
    expect((await operationsOf(plan.id)).map((operation) => operation.status)).toEqual([
      "applied",
      "failed",
    ]);
    const lease = await getDb().syncPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect([lease.runner, lease.leaseUntil]).toEqual([null, null]);
  });

  it("does not write a binding's planned version once it was edited after the approval", async () => {
    const targetId = await world.setUp(env.admin());
    const binding = await world.addBinding();
    const plan = await planOfTarget(env.admin(), targetId);
    await startApply({ ...caller(operator), planId: plan.id, mode: "pending", enqueue: false });
    await world.edit(env.admin(), binding);

    await runApplyJob({ planId: plan.id });

    const [operation] = await operationsOf(plan.id);
    expect(operation).toMatchObject({ status: "failed", error: { code: "ChangedSincePlan" } });
    expect(await world.objectOf(binding)).toBeNull();
    expect(await planStatus(plan.id)).toBe("failed");
  });
});
