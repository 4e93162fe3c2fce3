// An apply's parents hand their outcomes to one recorder, which commits the
// ones waiting together: each change still gets its status, its binding's
// state and its own audit event, in the order handed over, and a change no
// longer marked `applying` (recorded by another run) is not recorded twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import type { CloudError, PlannedChange } from "@/lib/clouds/adapter-types";
import { getDb } from "@/lib/db/client";
import { outcomeRecorder } from "@/lib/sync/apply/outcome-recorder";
import { loadApplySteps } from "@/lib/sync/apply/run-apply-job";
import { startApply } from "@/lib/sync/apply/start-apply";
import { createTestUser, type TestUser } from "@/test/factories/users";
import { applyEventsSince, bindingRow, lastSeq, operationsOf, planOfTarget } from "./apply-support";
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

const refused: CloudError = {
  kind: "invalid",
  code: "MalformedPolicyDocument",
  message: "refused",
  cause: "The cloud refused the policy.",
  fix: "Correct the binding.",
};

async function approvedPlanOfThree() {
  const targetId = await world.setUp(env.admin());
  for (let i = 0; i < 3; i += 1) await world.addBinding();
  const plan = await planOfTarget(env.admin(), targetId);
  await startApply({ ...caller(operator), planId: plan.id, mode: "pending", enqueue: false });
  const rows = await loadApplySteps(plan.id);
  const operations = rows.map((row) => ({ ...row, change: row.change as PlannedChange }));
  return { planId: plan.id, operations };
}

describe("the apply's outcome recorder", () => {
  it("records outcomes handed over together, each with its binding state and audit event, once", async () => {
    const { planId, operations } = await approvedPlanOfThree();
    const [first, second, third] = operations as [
      (typeof operations)[number],
      (typeof operations)[number],
      (typeof operations)[number],
    ];
    // The third stays `pending`: as if another run had taken it back.
    await getDb().syncOperation.updateMany({
      where: { id: { in: [first.id, second.id] } },
      data: { status: "applying" },
    });
    const since = await lastSeq();
    const recorder = outcomeRecorder({ actor: operator.actor, requestId: `apply-${planId}` });

    await Promise.all([
      recorder.record(first, { status: "applied", after: null, recovered: false }),
      recorder.record(second, { status: "failed", error: refused }),
      recorder.record(third, { status: "applied", after: null, recovered: false }),
    ]);

    expect((await operationsOf(planId)).map((operation) => operation.status)).toEqual([
      "applied",
      "failed",
      "pending",
    ]);
    const stateOf = async (operation: { bindingId: string | null }) =>
      (await bindingRow(operation.bindingId!)).syncState;
    expect([await stateOf(first), await stateOf(second), await stateOf(third)]).toEqual([
      "in_sync",
      "error",
      "pending",
    ]);
    const events = await applyEventsSince(since);
    expect(
      events.map((event) => [event.entityId, (event.after as { status: string }).status]),
    ).toEqual([
      [first.bindingId, "applied"],
      [second.bindingId, "failed"],
    ]);
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true });

    // Handed over again (a second run finishing the same steps): nothing more is recorded.
    await recorder.record(first, { status: "applied", after: null, recovered: false });
    expect(await applyEventsSince(since)).toHaveLength(2);
  });

  it("refuses every outcome handed over after a batch that failed, so none commits out of order", async () => {
    const { planId, operations } = await approvedPlanOfThree();
    const [first, second] = operations as [
      (typeof operations)[number],
      (typeof operations)[number],
    ];
    await getDb().syncOperation.updateMany({
      where: { id: { in: [first.id, second.id] } },
      data: { status: "applying" },
    });
    const since = await lastSeq();
    const recorder = outcomeRecorder({ actor: operator.actor, requestId: `apply-${planId}` });
    // An id the database refuses: its batch fails.
    const broken = { ...first, id: "not-an-id" };

    const failed = recorder.record(broken, { status: "applied", after: null, recovered: false });
    await expect(failed).rejects.toThrow();
    await expect(
      recorder.record(second, { status: "applied", after: null, recovered: false }),
    ).rejects.toThrow();

    expect((await operationsOf(planId)).map((operation) => operation.status)).toEqual([
      "applying",
      "applying",
      "pending",
    ]);
    expect(await applyEventsSince(since)).toEqual([]);
  });
});
