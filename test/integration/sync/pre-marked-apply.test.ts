// A parent's next change is marked `applying` while the change before it is
// with the cloud. When the parent stops before that next change is written,
// it is put back (not left `applying`), and a later run writes it once; a
// change the cloud refuses does not stop the change marked after it, and
// retrying the failed ones touches only those.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CloudCallError, type CloudWriter } from "@/lib/clouds/adapter-types";
import { cloudWriter } from "@/lib/clouds/writers";
import { getDb } from "@/lib/db/client";
import { LeaseLostError } from "@/lib/sync/apply/plan-lease";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";
import { startApply } from "@/lib/sync/apply/start-apply";
import { createTestUser, type TestUser } from "@/test/factories/users";
import {
  applyEventsSince,
  approveAndRun,
  lastSeq,
  operationsOf,
  planOfTarget,
  planStatus,
} from "./apply-support";
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
afterEach(() => vi.restoreAllMocks());

/** The real AWS writer; `during` runs inside the first call, before it writes. */
function writerWith(during: (call: number) => Promise<void>): CloudWriter {
  const real = cloudWriter("aws");
  let calls = 0;
  return {
    ...real,
    async applyChange(...args) {
      calls += 1;
      await during(calls);
      return real.applyChange(...args);
    },
  };
}

async function approvedPlanOfThree() {
  const targetId = await world.setUp(env.admin());
  const bindings = [await world.addBinding(), await world.addBinding(), await world.addBinding()];
  const plan = await planOfTarget(env.admin(), targetId);
  await startApply({ ...caller(operator), planId: plan.id, mode: "pending", enqueue: false });
  return { planId: plan.id, bindings };
}

const attemptsOf = async (planId: string) =>
  (
    await getDb().syncOperation.findMany({
      where: { planId },
      orderBy: { position: "asc" },
      select: { status: true, attempts: true },
    })
  ).map(({ status, attempts }) => [status, attempts]);

describe("a change marked while the one before it is written", () => {
  it("is put back when its parent stops first, and a later run writes it once", async () => {
    const { planId, bindings } = await approvedPlanOfThree();
    const seq = await lastSeq();
    const now = Date.now.bind(Date);
    // While the first change is with the cloud (the second is marked by
    // then), another run takes the plan over and the lease falls due for renewal.
    const writer = writerWith(async (call) => {
      if (call !== 1) return;
      await vi.waitFor(async () => expect((await attemptsOf(planId))[1]).toEqual(["applying", 1]));
      await getDb().syncPlan.update({
        where: { id: planId },
        data: { runner: randomUUID(), leaseUntil: new Date(now() + 60_000) },
      });
      vi.spyOn(Date, "now").mockImplementation(() => now() + 60_000);
    });

    await expect(runApplyJob({ planId }, { writerFor: () => writer })).rejects.toThrow(
      LeaseLostError,
    );
    await expect
      .poll(() => attemptsOf(planId))
      .toEqual([
        ["applied", 1],
        ["pending", 0],
        ["pending", 0],
      ]);
    expect(await planStatus(planId)).toBe("applying");

    // The other run gives the plan back; the resumed apply writes the rest.
    vi.restoreAllMocks();
    await getDb().syncPlan.update({
      where: { id: planId },
      data: { runner: null, leaseUntil: null },
    });
    await runApplyJob({ planId });

    expect(await planStatus(planId)).toBe("applied");
    expect(await attemptsOf(planId)).toEqual([
      ["applied", 1],
      ["applied", 1],
      ["applied", 1],
    ]);
    for (const binding of bindings) expect(await world.copies(binding)).toBe(1);
    const events = await applyEventsSince(seq);
    expect(events).toHaveLength(3);
    expect(events.map((event) => (event.after as { recovered?: boolean }).recovered)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("is written after its predecessor is refused, and retrying touches only the refused one", async () => {
    const { planId, bindings } = await approvedPlanOfThree();
    const refusing = writerWith(async (call) => {
      if (call === 1) {
        throw new CloudCallError({
          kind: "invalid",
          code: "MalformedPolicyDocument",
          message: "refused",
          cause: "The cloud refused the policy.",
          fix: "Correct the binding.",
        });
      }
    });
    await runApplyJob({ planId }, { writerFor: () => refusing });

    expect(await planStatus(planId)).toBe("failed");
    expect((await operationsOf(planId)).map((operation) => operation.status)).toEqual([
      "failed",
      "applied",
      "applied",
    ]);
    const writes = world.writes()!;

    await approveAndRun(operator, planId, { mode: "failed" });

    expect(await planStatus(planId)).toBe("applied");
    expect(world.writes()! - writes).toBe(1);
    for (const binding of bindings) expect(await world.copies(binding)).toBe(1);
  });
});
