// Apply end to end, per cloud: plan → an operator's approval → the apply job,
// through the real writers and SDK clients against each cloud's emulator
// (and AWS against moto too). Every assertion reads the backend's own state
// or the rows the apply wrote: the object created, changed and gone, each
// write audited once under the approver, a second apply writing nothing, and
// the objects Fedlens does not own left exactly as they were.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteBinding } from "@/lib/catalog/bindings/delete-binding";
import { getDb } from "@/lib/db/client";
import { createTestUser, type TestUser } from "@/test/factories/users";
import {
  applyEventsSince,
  approveAndRun,
  bindingRow,
  lastSeq,
  operationsOf,
  planOfTarget,
  planStatus,
} from "./apply-support";
import { type ApplyWorld } from "./apply-worlds";
import { awsApplyWorld, type AwsApplyWorld } from "./apply-worlds-aws";
import { azureAppApplyWorld, azureApplyWorld } from "./apply-worlds-azure";
import { gcpApplyWorld } from "./apply-worlds-gcp";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const aws = { emulator: awsApplyWorld("emulator"), moto: awsApplyWorld("moto") };
const worlds: ApplyWorld[] = [
  azureApplyWorld(),
  azureAppApplyWorld(),
  aws.emulator,
  aws.moto,
  gcpApplyWorld(),
];

let operator: TestUser;
beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
});

const tombstones = (targetId: string) => getDb().bindingTombstone.count({ where: { targetId } });

/** Applies a plan of the target with one pending `op`; returns its one operation and audit event. */
async function applyOne(world: ApplyWorld, targetId: string, op: string) {
  const plan = await planOfTarget(env.admin(), targetId);
  expect(plan.summary).toMatchObject({ [op]: 1, pending: 1 });
  const seq = await lastSeq();
  const writes = world.writes();
  const started = await approveAndRun(operator, plan.id);
  expect(started).toEqual({ id: plan.id, status: "applying", operations: 1 });
  expect(await planStatus(plan.id)).toBe("applied");
  const operations = await operationsOf(plan.id);
  const operation = operations.find((o) => o.op === op)!;
  expect(operation).toMatchObject({ status: "applied", error: null });
  expect(operations.filter((o) => o !== operation).every((o) => o.status === "unchanged")).toBe(
    true,
  );
  const events = await applyEventsSince(seq);
  expect(events).toHaveLength(1);
  const after = world.writes();
  if (writes !== null && after !== null) expect(after).toBeGreaterThan(writes);
  return { operation, event: events[0]! };
}

describe.each(worlds)("apply to a $name", (world) => {
  if (world.skip) {
    it.skip(`skipped: ${world.skip}`, () => {});
    return;
  }
  beforeAll(() => world.start(), 120_000);
  afterAll(() => world.stop());

  it("creates, updates and deletes the object, each write audited once under the approver", async () => {
    const admin = env.admin();
    const targetId = await world.setUp(admin);
    const foreign = await world.foreign();
    const binding = await world.addBinding();
    expect(await world.objectOf(binding)).toBeNull();

    const create = await applyOne(world, targetId, "create");
    expect(create.operation.bindingId).toBe(binding.id);
    const created = await world.objectOf(binding);
    expect(created).not.toBeNull();
    expect(await bindingRow(binding.id)).toEqual({
      syncState: "in_sync",
      owned: true,
      drift: null,
    });
    expect(create.event).toMatchObject({
      actorType: "user",
      actorId: operator.user.id,
      actorLabel: operator.actor.label,
      entityType: "binding",
      entityId: binding.id,
      before: create.operation.before,
      after: { change: "create", status: "applied", key: create.operation.key },
    });
    expect((create.event.after as { object: unknown }).object).not.toBeNull();
    expect(await world.foreign()).toEqual(foreign);

    const wanted = await world.edit(admin, binding);
    const update = await applyOne(world, targetId, "update");
    expect(update.operation.bindingId).toBe(binding.id);
    const updated = await world.objectOf(binding);
    expect(updated).toMatchObject(wanted);
    expect(updated).not.toEqual(created);
    expect(update.event).toMatchObject({
      actorLabel: operator.actor.label,
      entityId: binding.id,
      after: { change: "update", status: "applied" },
    });
    expect(update.event.before).not.toBeNull();
    expect(update.event.before).toEqual(update.operation.before);
    expect(await bindingRow(binding.id)).toMatchObject({ syncState: "in_sync", owned: true });
    expect(await world.foreign()).toEqual(foreign);

    const row = await getDb().binding.findUniqueOrThrow({ where: { id: binding.id } });
    await deleteBinding({ ...caller(admin), id: binding.id, expectedVersion: row.version });
    expect(await tombstones(targetId)).toBe(1);
    const remove = await applyOne(world, targetId, "delete");
    expect(remove.operation.bindingId).toBeNull();
    expect(await world.objectOf(binding)).toBeNull();
    expect(await tombstones(targetId)).toBe(0);
    expect(remove.event).toMatchObject({
      actorLabel: operator.actor.label,
      entityType: "target",
      entityId: targetId,
      after: { change: "delete", status: "applied", object: null },
    });
    expect(await world.foreign()).toEqual(foreign);
  }, 60_000);

  it("plans nothing to do after an apply, and applying that plan writes nothing", async () => {
    const admin = env.admin();
    const targetId = await world.setUp(admin);
    const foreign = await world.foreign();
    const bindings = [await world.addBinding(), await world.addBinding()];
    const first = await planOfTarget(admin, targetId);
    expect(first.summary).toMatchObject({ create: 2, pending: 2 });
    await approveAndRun(operator, first.id);
    expect(await planStatus(first.id)).toBe("applied");
    const objects = await Promise.all(bindings.map((b) => world.objectOf(b)));
    expect(objects.every((object) => object !== null)).toBe(true);

    const second = await planOfTarget(admin, targetId);
    expect(second.summary).toMatchObject({ pending: 0, create: 0, update: 0, delete: 0 });
    expect(second.summary.unchanged).toBe(2);
    const writes = world.writes();
    const seq = await lastSeq();
    const started = await approveAndRun(operator, second.id);

    expect(started.operations).toBe(0);
    expect(await planStatus(second.id)).toBe("applied");
    expect(world.writes()).toBe(writes);
    expect(await applyEventsSince(seq)).toEqual([]);
    expect(await Promise.all(bindings.map((b) => world.objectOf(b)))).toEqual(objects);
    expect(await world.foreign()).toEqual(foreign);
  }, 60_000);
});

describe.each([aws.emulator, aws.moto])("the OIDC provider of a $name", (world: AwsApplyWorld) => {
  if (world.skip) {
    it.skip(`skipped: ${world.skip}`, () => {});
    return;
  }
  beforeAll(() => world.start(), 120_000);
  afterAll(() => world.stop());

  it("is created by the first statement's apply, with the catalogue's audience", async () => {
    const targetId = await world.setUp(env.admin());
    expect(await world.providerClientIds()).toBeNull();
    await world.addBinding();
    const plan = await planOfTarget(env.admin(), targetId);
    await approveAndRun(operator, plan.id);
    expect(await planStatus(plan.id)).toBe("applied");
    expect(await world.providerClientIds()).toEqual(["sts.amazonaws.com"]);
  }, 60_000);
});
