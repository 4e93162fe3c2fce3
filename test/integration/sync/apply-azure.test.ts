// Apply against the Azure emulator where Azure's own rules bite: credential
// writes to one managed identity one at a time (Azure answers a concurrent
// write 409 ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity),
// different identities at once; and a partial failure reported change by
// change, whose retry touches only the failed changes.
// https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { TBinding } from "@/lib/schemas/binding";
import { getSyncPlan } from "@/lib/sync/plan/get-sync-plan";
import { createTestUser, type TestUser } from "@/test/factories/users";
import {
  applyEventsSince,
  approveAndRun,
  bindingRow,
  lastSeq,
  operationsOf,
  planOfBindings,
  planStatus,
} from "./apply-support";
import { azureApplyWorld } from "./apply-worlds-azure";
import { setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = azureApplyWorld();
const emulator = () => world.base().emulator;

let operator: TestUser;
beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
  await world.start();
});
afterAll(() => world.stop());
beforeEach(() => {
  emulator().faults.clear();
  emulator().writes.reset();
});

/** `count` identities with `each` bindings; returns each identity's ARM id and bindings. */
async function identities(count: number, each: number) {
  const made: { identityId: string; bindings: TBinding[] }[] = [];
  for (let i = 0; i < count; i++) {
    await world.setUp(env.admin());
    const bindings: TBinding[] = [];
    for (let j = 0; j < each; j++) bindings.push(await world.addBinding());
    made.push({ identityId: world.identity(), bindings });
  }
  return made;
}

const ficName = (binding: TBinding) => binding.spec.name as string;
const ficPath = (binding: TBinding) => `/federatedIdentityCredentials/${ficName(binding)}`;
const storedNames = (identityId: string) =>
  emulator()
    .store.fics(identityId)
    .map((fic) => fic.name)
    .filter((name) => name !== "hand-made")
    .sort();

describe("credential writes to Azure identities", () => {
  it("never overlap on one identity, and do overlap across two", async () => {
    const [first, second] = await identities(2, 3);
    // Each write takes a while, so writes that may overlap do.
    emulator().faults.add({ kind: "latency", ms: 300 }, { method: "PUT" });
    const all = [...first!.bindings, ...second!.bindings];
    const plan = await planOfBindings(
      env.admin(),
      all.map((b) => b.id),
    );
    expect(plan.summary).toMatchObject({ create: 6, pending: 6 });

    await approveAndRun(operator, plan.id);

    expect(await planStatus(plan.id)).toBe("applied");
    const { writes } = emulator();
    expect(writes.statuses.filter((status) => status === 409)).toEqual([]);
    expect(writes.statuses).toHaveLength(6);
    expect(writes.maxFor(first!.identityId)).toBe(1);
    expect(writes.maxFor(second!.identityId)).toBe(1);
    expect(writes.overall.max).toBe(2);
    for (const { identityId, bindings } of [first!, second!]) {
      expect(storedNames(identityId)).toEqual(bindings.map(ficName).sort());
    }
  });
});

describe("an apply where Azure refuses 2 of 9 changes", () => {
  it("applies 7, fails 2 with Azure's code, cause and fix; retry writes only those 2", async () => {
    const made = await identities(3, 3);
    const all = made.flatMap((identity) => identity.bindings);
    const refused = [all[1]!, all[5]!];
    const message = "Issuer and subject combination already exists for this Managed Identity.";
    for (const binding of refused) {
      emulator().faults.add(
        { kind: "status", status: 400, code: "BadRequest", message },
        { method: "PUT", pathIncludes: ficPath(binding) },
      );
    }
    const plan = await planOfBindings(
      env.admin(),
      all.map((b) => b.id),
    );
    expect(plan.summary).toMatchObject({ create: 9, pending: 9 });
    const seq = await lastSeq();

    await approveAndRun(operator, plan.id);

    expect(await planStatus(plan.id)).toBe("failed");
    const read = await getSyncPlan({
      actor: operator.actor,
      planId: plan.id,
      query: { limit: 50 },
    });
    expect(read.progress).toMatchObject({ applied: 7, failed: 2, pending: 0, applying: 0 });
    const failed = (await operationsOf(plan.id)).filter((o) => o.status === "failed");
    expect(failed.map((o) => o.bindingId).sort()).toEqual(refused.map((b) => b.id).sort());
    for (const operation of failed) {
      expect(operation.error).toMatchObject({
        kind: "invalid",
        code: "BadRequest",
        status: 400,
        message,
        cause: expect.stringContaining("already trusts this issuer and subject"),
        fix: expect.stringContaining("Import that credential"),
      });
    }
    for (const binding of refused) {
      expect(await bindingRow(binding.id)).toMatchObject({
        syncState: "error",
        owned: false,
        drift: { kind: "error", error: { code: "BadRequest", status: 400 } },
      });
    }
    const events = await applyEventsSince(seq);
    expect(events).toHaveLength(9);
    expect(events.filter((e) => (e.after as { status: string }).status === "failed")).toHaveLength(
      2,
    );

    emulator().faults.clear();
    const mark = emulator().requests.length;
    const retrySeq = await lastSeq();
    const started = await approveAndRun(operator, plan.id, { mode: "failed" });

    expect(started.operations).toBe(2);
    const touched = emulator()
      .requests.slice(mark)
      .filter((r) => r.path.includes("/federatedIdentityCredentials"));
    const names = new Set(touched.map((r) => decodeURIComponent(r.path).split("/").pop()));
    expect([...names].sort()).toEqual(refused.map(ficName).sort());
    expect(touched.filter((r) => r.method === "PUT")).toHaveLength(2);
    expect(await planStatus(plan.id)).toBe("applied");
    const after = await getSyncPlan({
      actor: operator.actor,
      planId: plan.id,
      query: { limit: 50 },
    });
    expect(after.progress).toMatchObject({ applied: 9, failed: 0 });
    for (const binding of refused) {
      expect(await bindingRow(binding.id)).toEqual({
        syncState: "in_sync",
        owned: true,
        drift: null,
      });
    }
    expect(await applyEventsSince(retrySeq)).toHaveLength(2);
    for (const { identityId, bindings } of made) {
      expect(storedNames(identityId)).toEqual(bindings.map(ficName).sort());
    }
    expect(await getDb().syncOperation.count({ where: { planId: plan.id } })).toBe(9);
  });
});

describe("an apply through Azure's transient failures", () => {
  /** One binding planned; its credential's PUTs as the emulator saw them after the apply. */
  async function applyWith(arm: (binding: TBinding) => void) {
    const [{ identityId, bindings }] = (await identities(1, 1)) as [
      { identityId: string; bindings: TBinding[] },
    ];
    const binding = bindings[0]!;
    arm(binding);
    const plan = await planOfBindings(env.admin(), [binding.id]);
    const seq = await lastSeq();
    await approveAndRun(operator, plan.id);
    const puts = emulator().requests.filter(
      (r) => r.method === "PUT" && decodeURIComponent(r.path).endsWith(ficPath(binding)),
    );
    expect(await planStatus(plan.id)).toBe("applied");
    expect(await operationsOf(plan.id)).toMatchObject([{ status: "applied", error: null }]);
    expect(await applyEventsSince(seq)).toHaveLength(1);
    expect(storedNames(identityId)).toEqual([ficName(binding)]);
    return puts;
  }

  it.each([
    ["in seconds", false],
    ["as an HTTP-date", true],
  ])("waits a 429's Retry-After given %s, then writes once", async (_how, retryAfterAsDate) => {
    const puts = await applyWith((binding) =>
      emulator().faults.add(
        { kind: "status", status: 429, retryAfterSeconds: 2, retryAfterAsDate },
        { method: "PUT", pathIncludes: ficPath(binding) },
        1,
      ),
    );
    expect(puts).toHaveLength(2);
    expect(emulator().faults.retryAfterSent).toHaveLength(1);
    // An HTTP-date has whole seconds, so it may ask for a little under 2 s.
    expect(puts[1]!.at - puts[0]!.at).toBeGreaterThanOrEqual(retryAfterAsDate ? 900 : 1900);
  });

  it("retries a 500 whose write had landed and leaves one credential", async () => {
    const puts = await applyWith((binding) =>
      emulator().faults.add(
        { kind: "lost-answer", status: 500 },
        { method: "PUT", pathIncludes: ficPath(binding) },
        1,
      ),
    );
    expect(puts).toHaveLength(2);
  });
});
