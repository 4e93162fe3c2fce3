// A worker killed between the cloud write and the database commit: a child
// process runs the apply job and SIGKILLs itself as soon as a write has
// landed, so the operation is left `applying` with no audit event. The job
// run again (as the queue would deliver it) re-reads the cloud, finds its own
// write, and records it once, marked recovered: one object, no duplicate,
// no lost audit event, and no second write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/test/factories/users";
import { startNode } from "@/test/integration/jobs/job-support";
import { getDb } from "@/lib/db/client";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";
import { startApply } from "@/lib/sync/apply/start-apply";
import {
  applyEventsSince,
  bindingRow,
  lastSeq,
  operationsOf,
  planOfTarget,
  planStatus,
} from "./apply-support";
import { type ApplyWorld } from "./apply-worlds";
import { awsApplyWorld } from "./apply-worlds-aws";
import { azureApplyWorld } from "./apply-worlds-azure";
import { gcpApplyWorld } from "./apply-worlds-gcp";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const worlds: ApplyWorld[] = [azureApplyWorld(), awsApplyWorld("emulator"), gcpApplyWorld()];

let operator: TestUser;
beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
});

describe.each(worlds)("an apply to a $name whose worker dies after the write", (world) => {
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  it("converges when the job runs again: one object, applied, one audit event marked recovered", async () => {
    const targetId = await world.setUp(env.admin());
    const binding = await world.addBinding();
    const plan = await planOfTarget(env.admin(), targetId);
    expect(plan.summary).toMatchObject({ create: 1, pending: 1 });
    await startApply({ ...caller(operator), planId: plan.id, mode: "pending", enqueue: false });
    const seq = await lastSeq();

    const worker = startNode(["test/integration/sync/apply-child.ts", plan.id], {});
    expect(await worker.exited).toBeNull();
    expect(worker.output()).toContain('"status":"applied"');
    expect(worker.output()).not.toContain("finished");
    expect(await world.copies(binding)).toBe(1);
    expect((await operationsOf(plan.id)).map((o) => o.status)).toEqual(["applying"]);
    expect(await applyEventsSince(seq)).toEqual([]);
    expect(await planStatus(plan.id)).toBe("applying");
    const writes = world.writes();

    // The dead run's lease on the plan lapses (5 minutes) before the queue
    // hands the job on; the test lets that time pass at once.
    await getDb().syncPlan.update({
      where: { id: plan.id },
      data: { leaseUntil: new Date(Date.now() - 1000) },
    });
    await runApplyJob({ planId: plan.id });

    expect(world.writes()).toBe(writes);
    expect(await world.copies(binding)).toBe(1);
    const [operation] = await operationsOf(plan.id);
    expect(operation).toMatchObject({ op: "create", status: "applied", error: null });
    const events = await applyEventsSince(seq);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorLabel: operator.actor.label,
      entityId: binding.id,
      after: { change: "create", status: "applied", recovered: true },
    });
    expect(await bindingRow(binding.id)).toEqual({
      syncState: "in_sync",
      owned: true,
      drift: null,
    });
    expect(await planStatus(plan.id)).toBe("applied");
  }, 90_000);
});
