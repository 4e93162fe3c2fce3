// The process's trust-map cache on a real catalogue: after every kind of
// catalogue change (made through the same use-cases as the API, or written
// the way imports and sync runs write it) the cached map equals one built
// afresh; an untouched catalogue is not reloaded; concurrent reads share one
// load; a map that is only old is served while it is rebuilt.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { systemActor } from "@/lib/auth/actor";
import { createBinding } from "@/lib/catalog/bindings/create-binding";
import { deleteBinding } from "@/lib/catalog/bindings/delete-binding";
import { updateBinding } from "@/lib/catalog/bindings/update-binding";
import { deleteIssuer } from "@/lib/catalog/issuers/delete-issuer";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { deleteTarget } from "@/lib/catalog/targets/delete-target";
import { updateTarget } from "@/lib/catalog/targets/update-target";
import { createWorkload } from "@/lib/catalog/workloads/create-workload";
import { deleteWorkload } from "@/lib/catalog/workloads/delete-workload";
import { updateWorkload } from "@/lib/catalog/workloads/update-workload";
import { disconnectDb, getDb } from "@/lib/db/client";
import type { TBinding } from "@/lib/schemas/binding";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  buildTrustMap,
  trustMapEdges,
  trustMapOpenEdges,
  type TrustMap,
} from "@/lib/trust-map/build-trust-map";
import {
  loadChangedRows,
  loadSyncStates,
  loadTrustCatalogue,
  loadTrustRows,
  type SyncStates,
} from "@/lib/trust-map/load-trust-map";
import type * as LoadTrustMap from "@/lib/trust-map/load-trust-map";
import { readTrustSnapshot } from "@/lib/trust-map/trust-map-cache";
import {
  awsSpec,
  azureSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  subjectSpecFor,
} from "@/test/factories/catalog";
import { createTrustMapEstate, type TrustMapEstate } from "./trust-map-estate";

vi.mock("@/lib/trust-map/load-trust-map", async (importOriginal) => {
  const actual = await importOriginal<typeof LoadTrustMap>();
  return {
    ...actual,
    loadTrustRows: vi.fn(actual.loadTrustRows),
    loadChangedRows: vi.fn(actual.loadChangedRows),
  };
});

const repoOf = (owner: string) => ({
  kind: "github" as const,
  owner,
  repo: `app-${randomUUID().slice(0, 8)}`,
  trigger: "environment" as const,
  name: "production",
});
const caller = () => ({ actor: systemActor("cache test"), requestId: randomUUID() });
let estate: TrustMapEstate;

beforeAll(async () => {
  estate = await createTrustMapEstate();
});

const byId = <T extends { id: string }>(rows: Iterable<T>) =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

/** Everything a reader sees of the map, in a stable order. */
function shapeOf(map: TrustMap, syncStates: SyncStates) {
  const edgeKey = (edge: { bindingId: string; workloadId?: string }) =>
    `${edge.bindingId}:${edge.workloadId ?? ""}`;
  return {
    issuers: byId(map.issuers.values()),
    workloads: byId(map.workloads.values()),
    targets: byId(map.targets.values()),
    bindings: byId(map.bindings.values()),
    edges: trustMapEdges(map).sort((a, b) => edgeKey(a).localeCompare(edgeKey(b))),
    open: trustMapOpenEdges(map).sort((a, b) => edgeKey(a).localeCompare(edgeKey(b))),
    syncStates: [...syncStates].sort(([a], [b]) => a.localeCompare(b)),
  };
}

/** Reads through the cache and checks the answer against a map built afresh. */
async function expectCachedEqualsFresh() {
  const cached = await readTrustSnapshot();
  const fresh = buildTrustMap(await loadTrustCatalogue(), { at: cached.map.at });
  expect(shapeOf(cached.map, cached.syncStates)).toEqual(shapeOf(fresh, await loadSyncStates()));
  return cached;
}

const fullLoads = () => vi.mocked(loadTrustRows).mock.calls.length;
const rowLoads = () => vi.mocked(loadChangedRows).mock.calls.length;

/** A sync state written the way sync runs write it, with the event they write (if any). */
async function writeSyncState(
  binding: Pick<TBinding, "id">,
  state: "in-sync" | "drifted" | "error",
  action: "sync.apply" | "drift.change" | null,
) {
  await getDb().$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE binding SET sync_state = ${state}::"SyncState",
      sync_checked_at = now() WHERE id = ${binding.id}::uuid`;
    if (action) {
      await appendAuditEvent(tx, {
        ...caller(),
        action,
        entityType: "binding",
        entityId: binding.id,
        after: { syncState: state },
      });
    }
  });
}

describe("the trust-map cache", () => {
  it("loads the catalogue once and reuses it while nothing changes", async () => {
    const before = fullLoads();
    const first = await expectCachedEqualsFresh();
    expect(fullLoads()).toBe(before + 1);
    const second = await readTrustSnapshot();
    const third = await readTrustSnapshot();
    expect(fullLoads()).toBe(before + 1);
    expect(second.map).toBe(first.map);
    expect(third.map).toBe(first.map);
  });

  it("replays binding creates, edits and deletes without reloading", async () => {
    const before = fullLoads();
    const role = await createTestTarget("aws-role");
    const made = await createTestBinding({
      workload: estate.api,
      target: role,
      spec: awsSpec(estate.api),
    });
    await expectCachedEqualsFresh();
    const edited = await updateBinding({
      ...caller(),
      id: made.id,
      expectedVersion: made.version,
      input: { spec: { ...awsSpec(estate.api), sid: "Widened" } as never },
    });
    await expectCachedEqualsFresh();
    await deleteBinding({ ...caller(), id: made.id, expectedVersion: edited.version });
    await expectCachedEqualsFresh();
    expect(fullLoads()).toBe(before);
  });

  it("replays workload creates, edits and deletes", async () => {
    const before = fullLoads();
    const workload = await createTestWorkload({
      issuer: estate.issuer,
      subjectSpec: repoOf("contoso"),
    });
    // The owner-wide AWS trust now admits it too.
    await expectCachedEqualsFresh();
    const moved = await updateWorkload({
      ...caller(),
      id: workload.id,
      expectedVersion: workload.version,
      input: { subjectSpec: repoOf("fabrikam") },
    });
    await expectCachedEqualsFresh();
    await deleteWorkload({ ...caller(), id: workload.id, expectedVersion: moved.version });
    await expectCachedEqualsFresh();
    expect(fullLoads()).toBe(before);
  });

  it("takes a workload moved to an issuer created since the last read out of its old issuer's trusts", async () => {
    const before = fullLoads();
    const workload = await createTestWorkload({
      issuer: estate.issuer,
      subjectSpec: repoOf("contoso"),
    });
    const admitted = await expectCachedEqualsFresh();
    expect(
      trustMapEdges(admitted.map).some((edge) => edge.workloadId === workload.id && !edge.declared),
    ).toBe(true);
    // Both replayed as one change: a new self-managed GitLab, and the workload moved to it.
    const selfManaged = await createTestIssuer("gitlab", {
      issuerUrl: `https://gitlab-${randomUUID().slice(0, 8)}.example.test`,
    });
    await updateWorkload({
      ...caller(),
      id: workload.id,
      expectedVersion: workload.version,
      input: { issuerId: selfManaged.id, subjectSpec: subjectSpecFor("gitlab") },
    });
    const moved = await expectCachedEqualsFresh();
    expect(trustMapEdges(moved.map).some((edge) => edge.workloadId === workload.id)).toBe(false);
    expect(fullLoads()).toBe(before);
  });

  it("replays target creates, edits (which reset their bindings' sync state) and deletes", async () => {
    const before = fullLoads();
    const identity = await createTestTarget("azure-uami");
    const made = await createTestBinding({
      workload: estate.web,
      target: identity,
      spec: azureSpec(estate.web),
    });
    await writeSyncState(made, "in-sync", "sync.apply");
    await expectCachedEqualsFresh();
    const renamed = await updateTarget({
      ...caller(),
      id: identity.id,
      expectedVersion: identity.version,
      input: { name: `renamed ${randomUUID().slice(0, 8)}` },
    });
    const cached = await expectCachedEqualsFresh();
    expect(cached.map.targets.get(identity.id)?.name).toBe(renamed.name);
    await deleteBinding({ ...caller(), id: made.id, expectedVersion: made.version });
    await deleteTarget({ ...caller(), id: identity.id, expectedVersion: renamed.version });
    await expectCachedEqualsFresh();
    expect(fullLoads()).toBe(before);
  });

  it("takes a new issuer in place and rebuilds for an issuer's edit or delete", async () => {
    const before = fullLoads();
    const issuer = await createTestIssuer("kubernetes-aks");
    await expectCachedEqualsFresh();
    expect(fullLoads()).toBe(before);
    const renamed = await updateIssuer({
      ...caller(),
      id: issuer.id,
      expectedVersion: issuer.version,
      input: { name: `cluster ${randomUUID().slice(0, 8)}` },
    });
    await expectCachedEqualsFresh();
    expect(fullLoads()).toBe(before + 1);
    await deleteIssuer({ ...caller(), id: issuer.id, expectedVersion: renamed.version });
    await expectCachedEqualsFresh();
    expect(fullLoads()).toBe(before + 2);
  });

  it("sees an import's rows and the sync state it writes beside them", async () => {
    const target = await createTestTarget("aws-role");
    let workload: TWorkload | undefined;
    // As an import commits: rows through the create use-cases (each audited),
    // then the binding marked in sync, in one transaction.
    await getDb().$transaction(async (tx) => {
      workload = await createWorkload({
        ...caller(),
        db: tx,
        input: {
          name: `imported ${randomUUID().slice(0, 8)}`,
          issuerId: estate.issuer.id,
          subjectSpec: subjectSpecFor("github"),
        },
      });
      const binding = await createBinding({
        ...caller(),
        db: tx,
        input: { workloadId: workload.id, targetId: target.id, spec: awsSpec(workload) as never },
      });
      await tx.binding.update({ where: { id: binding.id }, data: { syncState: "in_sync" } });
      await appendAuditEvent(tx, {
        ...caller(),
        action: "import.commit",
        entityType: "import",
        entityId: randomUUID(),
      });
    });
    const cached = await expectCachedEqualsFresh();
    expect(cached.map.workloads.has(workload!.id)).toBe(true);
  });

  it.each([
    ["a sync step's outcome", "error", "sync.apply"],
    ["a drift check's change", "drifted", "drift.change"],
    ["a sync step that found the cloud already right (no event)", "in-sync", null],
  ] as const)("shows the sync state %s writes", async (_what, state, action) => {
    await writeSyncState(estate.exact, state, action);
    const cached = await expectCachedEqualsFresh();
    expect(cached.syncStates.get(estate.exact.id)).toBe(state);
  });

  it("gives concurrent readers one load, cold or after a change", async () => {
    // A new client stands for a new process: nothing cached yet.
    await disconnectDb();
    const loadsBefore = fullLoads();
    const cold = await Promise.all(Array.from({ length: 6 }, () => readTrustSnapshot()));
    expect(fullLoads()).toBe(loadsBefore + 1);
    expect(new Set(cold.map((snapshot) => snapshot.map)).size).toBe(1);

    const rowsBefore = rowLoads();
    await createTestWorkload({ issuer: estate.issuer });
    const warm = await Promise.all(Array.from({ length: 6 }, () => readTrustSnapshot()));
    expect(rowLoads()).toBe(rowsBefore + 1);
    expect(fullLoads()).toBe(loadsBefore + 1);
    expect(new Set(warm.map((snapshot) => snapshot.map)).size).toBe(1);
    await expectCachedEqualsFresh();
  });

  it("answers at once with a map that is only old, and rebuilds it meanwhile", async () => {
    const first = await readTrustSnapshot();
    const before = fullLoads();
    // Past the map's age limit (15 minutes), with the catalogue unchanged.
    const later = Date.now() + 16 * 60_000;
    vi.useFakeTimers({ toFake: ["Date"], now: later });
    try {
      const old = await readTrustSnapshot();
      expect(old.map).toBe(first.map);
      await vi.waitFor(async () => {
        expect((await readTrustSnapshot()).map).not.toBe(first.map);
      });
      const rebuilt = await readTrustSnapshot();
      expect(fullLoads()).toBe(before + 1);
      expect(rebuilt.map.at.getTime()).toBeGreaterThanOrEqual(later);
      expect(rebuilt.version).toEqual(first.version);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rebuilds when more changes piled up than are worth replaying", async () => {
    await readTrustSnapshot();
    const before = fullLoads();
    const workload = await createTestWorkload({ issuer: estate.issuer });
    await getDb().$transaction(
      async (tx) => {
        for (let index = 0; index < 501; index += 1) {
          await appendAuditEvent(tx, {
            ...caller(),
            action: "workload.update",
            entityType: "workload",
            entityId: workload.id,
          });
        }
      },
      { timeout: 60_000 },
    );
    await expectCachedEqualsFresh();
    expect(fullLoads()).toBe(before + 1);
  });
});
