// Plan end to end: the catalogue's bindings against what the real adapters
// read from each cloud's emulator, stored with its hash and audited. Each
// cloud state comes from a change to the emulator, never from a fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as planRoute from "@/app/api/v1/sync/plan/route";
import * as planByIdRoute from "@/app/api/v1/sync/plans/[id]/route";
import { deleteBinding } from "@/lib/catalog/bindings/delete-binding";
import { getDb } from "@/lib/db/client";
import { createSyncPlan } from "@/lib/sync/plan/create-sync-plan";
import { getSyncPlan } from "@/lib/sync/plan/get-sync-plan";
import type { TPlanOperation } from "@/lib/sync/plan/plan-dto";
import { recheckPlan } from "@/lib/sync/plan/recheck-plan";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";
import {
  awsRoleWorld,
  azureAppWorld,
  azureUamiWorld,
  gcpProviderWorld,
  type Catalogued,
  type DriftWorld,
} from "./drift-worlds";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const worlds: DriftWorld[] = [
  azureUamiWorld(),
  azureAppWorld(),
  awsRoleWorld(),
  gcpProviderWorld(),
];

async function planOf(targetId: string) {
  const created = await createSyncPlan({
    ...caller(env.admin()),
    scope: { kind: "target", id: targetId },
  });
  const plan = await getSyncPlan({
    actor: env.admin().actor,
    planId: created.id,
    query: { limit: 200 },
  });
  return {
    ...plan,
    targets: plan.targets as {
      read: string;
      reason: string | null;
      leftAlone: { key: string }[];
    }[],
  };
}

/**
 * The cloud's writer describes the call and the object before and after;
 * while a cloud's writer is not built, the plan says so and shows the
 * compared objects (null for the side that does not exist).
 */
function expectDescribed(operation: TPlanOperation, fallback: { before?: null; after?: null }) {
  if (operation.call === null) {
    expect(operation.reason).toContain("not built yet");
    expect(operation).toMatchObject(fallback);
  } else {
    expect(operation.call.length).toBeGreaterThan(0);
    expect(operation.reason).toBeNull();
  }
}

const ownAll = (targetId: string) =>
  getDb().binding.updateMany({ where: { targetId }, data: { owned: true } });

describe.each(worlds)("plan of a $name through its emulator", (world) => {
  const live = {} as { setup: Catalogued };
  beforeAll(() => world.start());
  afterAll(() => world.stop());
  beforeEach(async () => {
    live.setup = await world.setUp(env.admin());
  });

  it("plans nothing when in sync, skips an unowned difference, updates it once owned", async () => {
    const { targetId } = live.setup;
    const quiet = await planOf(targetId);
    expect(quiet.operations.data.map((o) => [o.op, o.status])).toEqual([["no-op", "unchanged"]]);
    expect(quiet.summary).toMatchObject({ pending: 0, unchanged: 1 });
    expect((await planOf(targetId)).hash).toBe(quiet.hash);

    const paths = await world.change();
    const unowned = await planOf(targetId);
    expect(unowned.hash).not.toBe(quiet.hash);
    expect(unowned.operations.data).toMatchObject([{ op: "update", status: "skipped" }]);
    expect(unowned.operations.data[0]?.reason).toContain("import it first");

    await ownAll(targetId);
    const owned = await planOf(targetId);
    const [update] = owned.operations.data;
    expect(update).toMatchObject({ op: "update", status: "pending" });
    expect((update?.differences as { path: string }[]).map((d) => d.path)).toEqual(paths);
    expect(update?.findings).toMatchObject({ errors: [] });
  });

  it("leaves an object it does not know alone, and plans a create when its own is gone", async () => {
    const { targetId } = live.setup;
    const unmanaged = await world.addUnmanaged();
    const first = await planOf(targetId);
    expect(first.operations.data.map((o) => o.op)).toEqual(["no-op"]);
    expect(first.targets[0]?.leftAlone.map((left) => left.key)).toContain(unmanaged);

    await world.remove();
    const plan = await planOf(targetId);
    expect(plan.operations.data.map((o) => [o.op, o.status])).toEqual([["create", "pending"]]);
    expectDescribed(plan.operations.data[0]!, { before: null });
  });

  it("plans the cloud delete of an owned binding deleted in the catalogue, never an unowned one", async () => {
    const { targetId } = live.setup;
    const [row] = await getDb().binding.findMany({ where: { targetId } });
    await deleteBinding({ ...caller(env.admin()), id: row!.id, expectedVersion: row!.version });
    expect(await getDb().bindingTombstone.count({ where: { targetId } })).toBe(0);
    expect((await planOf(targetId)).operations.data).toEqual([]);

    const next = await world.setUp(env.admin());
    await ownAll(next.targetId);
    const [owned] = await getDb().binding.findMany({ where: { targetId: next.targetId } });
    await deleteBinding({ ...caller(env.admin()), id: owned!.id, expectedVersion: owned!.version });
    const plan = await planOf(next.targetId);
    expect(plan.operations.data).toMatchObject([
      { op: "delete", status: "pending", bindingId: null, name: owned!.name },
    ]);
    expectDescribed(plan.operations.data[0]!, { after: null });
  });

  it("plans nothing for a target it cannot read, and says why", async () => {
    world.forbid();
    const plan = await planOf(live.setup.targetId);
    expect(plan.operations.data).toEqual([]);
    expect(plan.targets[0]).toMatchObject({ read: "unreadable" });
    expect(plan.targets[0]?.reason).toContain("could not read");
  });
});

describe("the plan API", () => {
  const world = azureUamiWorld();
  let operator: string;
  let viewer: string;
  let targetId: string;
  beforeAll(async () => {
    await world.start();
    operator = await createTestToken(await createTestUser({ role: "operator" }));
    viewer = await createTestToken(await createTestUser({ role: "viewer" }));
    targetId = (await world.setUp(env.admin())).targetId;
  });
  afterAll(() => world.stop());

  const post = (token: string, body: unknown) =>
    call(planRoute.POST, { method: "POST", path: "/api/v1/sync/plan", token, body });

  it("refuses a viewer with 403 and writes nothing", async () => {
    const before = await getDb().syncPlan.count();
    const response = await post(viewer, { scope: { kind: "target", id: targetId } });
    expect(response.status).toBe(403);
    expect(await getDb().syncPlan.count()).toBe(before);
  });

  it.each([
    [{ scope: { kind: "target" } }, 422],
    [{ scope: { kind: "everything" } }, 422],
    [{ scope: { kind: "target", id: "00000000-0000-4000-8000-00000000dead" } }, 404],
  ])("answers %j with %i", async (body, status) => {
    expect((await problemOf(await post(operator, body))).status).toBe(status);
  });

  it("stores an operator's plan, audits it, and serves it with its operations", async () => {
    const response = await post(operator, {
      scope: { kind: "connection", id: await connectionOf(targetId) },
    });
    expect(response.status).toBe(201);
    const { id, hash } = (await response.json()) as { id: string; hash: string };
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const event = await getDb().auditEvent.findFirst({
      where: { action: "sync.plan", entityId: id },
      select: { entityType: true, after: true },
    });
    expect(event).toMatchObject({
      entityType: "sync",
      after: { scope: { kind: "connection" }, summary: { pending: 0, unchanged: 1 }, targets: 1 },
    });

    const read = await call(planByIdRoute.GET, {
      path: `/api/v1/sync/plans/${id}?limit=1`,
      params: { id },
      token: viewer,
    });
    expect(read.status).toBe(200);
    const plan = (await read.json()) as {
      status: string;
      hash: string;
      operations: { data: unknown[] };
    };
    expect(plan).toMatchObject({ status: "draft", hash });
    expect(plan.operations.data).toHaveLength(1);
  });
});

describe("a stored plan, checked again before an apply", () => {
  const world = awsRoleWorld();
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  it("is fresh while nothing moved, and stale once the cloud changed", async () => {
    const { targetId } = await world.setUp(env.admin());
    const { id } = await createSyncPlan({
      ...caller(env.admin()),
      scope: { kind: "target", id: targetId },
    });
    expect(await recheckPlan(id)).toEqual({ fresh: true });
    await world.change();
    expect(await recheckPlan(id)).toEqual({ fresh: false });
    const plan = await getDb().syncPlan.findUniqueOrThrow({ where: { id } });
    expect(plan.status).toBe("stale");
  });
});

async function connectionOf(targetId: string) {
  const target = await getDb().cloudTarget.findUniqueOrThrow({ where: { id: targetId } });
  return target.connectionId!;
}
