// Approving an apply: a plan whose catalogue or cloud moved since it was made
// is refused as stale (409) and marked so, nothing written; the API's access
// and body checks; and an operator's 202 whose job a real worker picks up
// from the queue and applies.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import * as applyRoute from "@/app/api/v1/sync/plans/[id]/apply/route";
import { getDb } from "@/lib/db/client";
import { stopJobSender } from "@/lib/jobs/sender";
import type { RunningWorker } from "@/lib/jobs/worker";
import { resumeApplies } from "@/lib/sync/apply/resume-applies";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";
import { startApply } from "@/lib/sync/apply/start-apply";
import { createTestToken, createTestUser, type TestUser } from "@/test/factories/users";
import { testWorker } from "@/test/integration/jobs/job-support";
import { call, problemOf } from "@/test/support/http";
import { operationsOf, planOfTarget, planStatus } from "./apply-support";
import { azureApplyWorld } from "./apply-worlds-azure";
import { ficProperties } from "./drift-worlds";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = azureApplyWorld();
const workers: RunningWorker[] = [];

let operator: TestUser;
beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
  await world.start();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});
afterAll(async () => {
  await stopJobSender();
  await world.stop();
});

const approvals = (planId: string) =>
  getDb().auditEvent.count({ where: { action: "sync.approve", entityId: planId } });

/** A target with one binding and a plan to create its credential. */
async function plannedCreate() {
  const targetId = await world.setUp(env.admin());
  const binding = await world.addBinding();
  const plan = await planOfTarget(env.admin(), targetId);
  expect(plan.summary).toMatchObject({ create: 1, pending: 1 });
  return { binding, plan };
}

describe("a plan that went stale", () => {
  async function expectRefusedAsStale(planId: string) {
    const writes = world.writes();
    await expect(
      startApply({ ...caller(operator), planId, mode: "pending", enqueue: false }),
    ).rejects.toMatchObject({ code: "conflict", details: { reason: "stale" } });
    expect(await planStatus(planId)).toBe("stale");
    expect(await approvals(planId)).toBe(0);
    expect((await operationsOf(planId)).map((o) => o.status)).toEqual(["pending"]);
    // A job that runs anyway writes nothing: the plan is not applying.
    await runApplyJob({ planId });
    expect(world.writes()).toBe(writes);
  }

  it("is refused with 409 when a binding was edited after planning", async () => {
    const { binding, plan } = await plannedCreate();
    await world.edit(env.admin(), binding);
    await expectRefusedAsStale(plan.id);
    expect(await world.objectOf(binding)).toBeNull();
  });

  it("is refused with 409 when the cloud changed after planning", async () => {
    const { binding, plan } = await plannedCreate();
    world.base().emulator.store.seedFic(world.identity(), {
      name: "added-by-hand",
      properties: ficProperties("repo:acme/other:ref:refs/heads/main"),
    });
    await expectRefusedAsStale(plan.id);
    expect(await world.objectOf(binding)).toBeNull();
  });

  it("answers 409 problem+json naming the reason over the API, and stays stale", async () => {
    const { binding, plan } = await plannedCreate();
    world.base().emulator.store.removeFic(world.identity(), "hand-made");
    const token = await createTestToken(operator);
    const response = await post(token, plan.id, { changes: "pending" });
    const problem = (await problemOf(response)) as Awaited<ReturnType<typeof problemOf>> & {
      reason?: string;
    };
    expect(problem).toMatchObject({ status: 409, reason: "stale" });
    expect(problem.detail).toContain("plan again");
    expect(await planStatus(plan.id)).toBe("stale");
    expect(await world.objectOf(binding)).toBeNull();
  });
});

function post(token: string, planId: string, body: unknown) {
  return call(applyRoute.POST, {
    method: "POST",
    path: `/api/v1/sync/plans/${planId}/apply`,
    params: { id: planId },
    token,
    body,
  });
}

describe("POST /api/v1/sync/plans/{id}/apply", () => {
  let viewer: string;
  let operatorToken: string;
  beforeAll(async () => {
    viewer = await createTestToken(await createTestUser({ role: "viewer" }));
    operatorToken = await createTestToken(operator);
  });

  it("refuses a viewer with 403 and leaves the plan a draft", async () => {
    const { plan } = await plannedCreate();
    expect((await problemOf(await post(viewer, plan.id, { changes: "pending" }))).status).toBe(403);
    expect(await planStatus(plan.id)).toBe("draft");
    expect(await approvals(plan.id)).toBe(0);
  });

  it("answers 404 for a plan that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-00000000dead";
    const problem = await problemOf(await post(operatorToken, missing, { changes: "pending" }));
    expect(problem.status).toBe(404);
  });

  it.each([
    ["an unknown mode", 422, { changes: "everything" }],
    ["an unknown field", 422, { changes: "pending", force: true }],
    ["malformed JSON", 400, "{changes:"],
  ])("answers %s with %i and leaves the plan a draft", async (_name, status, body) => {
    const { plan } = await plannedCreate();
    const problem = await problemOf(await post(operatorToken, plan.id, body));
    expect(problem.status).toBe(status);
    if (status === 422) expect(problem.invalid_params?.length).toBeGreaterThan(0);
    expect(await planStatus(plan.id)).toBe("draft");
  });

  it("answers an operator 202 and a worker applies the plan from the queue", async () => {
    const { binding, plan } = await plannedCreate();
    const response = await post(operatorToken, plan.id, { changes: "pending" });
    expect(response.status).toBe(202);
    expect(response.headers.get("location")).toBe(`/api/v1/sync/plans/${plan.id}`);
    expect(await response.json()).toEqual({ id: plan.id, status: "applying", operations: 1 });
    expect(await approvals(plan.id)).toBe(1);

    workers.push(
      await testWorker(inject("databaseUrl"), { "sync-apply": (data) => runApplyJob(data) }),
    );
    await vi.waitFor(
      async () => {
        if ((await planStatus(plan.id)) !== "applied") throw new Error("not applied yet");
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(await world.objectOf(binding)).toMatchObject({ subject: binding.spec.subject });
    expect((await operationsOf(plan.id)).map((o) => o.status)).toEqual(["applied"]);

    const again = await post(operatorToken, plan.id, { changes: "pending" });
    expect((await problemOf(again)).status).toBe(409);
  }, 60_000);

  it("resumes a plan left applying when a worker starts, and the worker finishes it", async () => {
    const { binding, plan } = await plannedCreate();
    await startApply({ ...caller(operator), planId: plan.id, mode: "pending", enqueue: false });
    expect(await planStatus(plan.id)).toBe("applying");

    expect(await resumeApplies()).toBeGreaterThanOrEqual(1);
    workers.push(
      await testWorker(inject("databaseUrl"), { "sync-apply": (data) => runApplyJob(data) }),
    );
    await vi.waitFor(
      async () => {
        if ((await planStatus(plan.id)) !== "applied") throw new Error("not applied yet");
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(await world.objectOf(binding)).toMatchObject({ subject: binding.spec.subject });
  }, 60_000);
});
