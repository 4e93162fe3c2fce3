// Drift end to end: a connection row with a stored secret, opened by
// openConnection, read by the real adapter through the real SDK clients
// against each cloud's emulator, judged and recorded by the drift job. Every
// state comes from a change to the emulator's state, never from a fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getTargetDrift } from "@/lib/sync/drift/get-target-drift";
import { runDriftJob } from "@/lib/sync/drift/run-drift-job";
import {
  awsRoleWorld,
  azureAppWorld,
  azureUamiWorld,
  gcpProviderWorld,
  type Catalogued,
  type DriftWorld,
} from "./drift-worlds";
import { onlyBindingState, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const gcp = gcpProviderWorld();
const worlds: DriftWorld[] = [azureUamiWorld(), azureAppWorld(), awsRoleWorld(), gcp];

type Difference = { path: string; cloud: unknown; catalog: unknown };

/** The drift.change events written for the target or its bindings after `seq`. */
async function driftEventsSince(seq: bigint) {
  return getDb().auditEvent.findMany({
    where: { seq: { gt: seq }, action: "drift.change" },
    orderBy: { seq: "asc" },
    select: { entityType: true, actorType: true, before: true, after: true },
  });
}

const lastSeq = async () =>
  (await getDb().auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;

function setUpWorld(world: DriftWorld) {
  const live = {} as { setup: Catalogued };
  beforeAll(() => world.start());
  afterAll(() => world.stop());
  beforeEach(async () => {
    live.setup = await world.setUp(env.admin());
  });
  return {
    check: () => runDriftJob({ targetId: live.setup.targetId, reason: "manual" }),
    binding: () => onlyBindingState(live.setup.targetId),
    report: () => getTargetDrift({ targetId: live.setup.targetId }),
  };
}

describe.each(worlds)("drift of a $name through its emulator", (world) => {
  const { check, binding, report } = setUpWorld(world);

  it("is in sync, then drifted naming the changed field; only changes are audited, as system events", async () => {
    const start = await lastSeq();
    await check();
    expect(await binding()).toMatchObject({ syncState: "in_sync", drift: null });
    const first = await driftEventsSince(start);
    expect(first.map((event) => [event.entityType, event.after])).toEqual([
      ["binding", { syncState: "in-sync" }],
      ["target", { read: "found", unmanaged: [] }],
    ]);
    expect(first.every((event) => event.actorType === "system")).toBe(true);

    const quiet = await lastSeq();
    await check();
    expect(await driftEventsSince(quiet)).toEqual([]);

    const expected = await world.change();
    const changed = await lastSeq();
    await check();

    const row = await binding();
    expect(row.syncState).toBe("drifted");
    const detail = row.drift as { kind: string; differences: Difference[] };
    expect(detail.kind).toBe("diff");
    const paths = detail.differences.map((difference) => difference.path);
    expect(paths).toEqual(expected);
    for (const difference of detail.differences) {
      expect(difference.cloud).not.toEqual(difference.catalog);
    }
    const events = await driftEventsSince(changed);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityType: "binding",
      actorType: "system",
      before: { syncState: "in-sync" },
      after: { syncState: "drifted", fields: paths },
    });
  });

  it("says missing when the object is deleted in the cloud", async () => {
    await check();
    await world.remove();
    await check();
    expect(await binding()).toMatchObject({
      syncState: "missing",
      drift: { kind: "missing", reason: "object-missing" },
    });
    expect((await report()).read).toBe("found");
  });

  it("says unknown with the cloud's error, never missing, when the object answers 403", async () => {
    await check();
    world.forbid();
    await check();
    const row = await binding();
    expect(row.syncState).toBe("unknown");
    expect(row.drift).toMatchObject({ kind: "error", error: { kind: "denied", status: 403 } });
    const drift = await report();
    expect(drift.read).toBe("unreadable");
    expect(drift.error).toMatchObject({ kind: "denied", status: 403 });
    expect(drift.error?.message).not.toBe("");
  });

  it("lists an object the catalogue does not hold as unmanaged on the target", async () => {
    const key = await world.addUnmanaged();
    await check();
    expect((await binding()).syncState).toBe("in_sync");
    expect((await report()).unmanaged.map((object) => object.key)).toEqual([key]);
  });

  it("retries a read throttled with Retry-After and records the right state", async () => {
    world.throttleOnce();
    const before = world.reads();
    await check();
    expect(await binding()).toMatchObject({ syncState: "in_sync", drift: null });
    expect(world.reads() - before).toBe(2);
  });
});

describe("drift of a GCP grant whose member changed", () => {
  const { check, binding, report } = setUpWorld(gcp);

  it("is missing, and the new member's grant is unmanaged (the member is the grant's identity)", async () => {
    await check();
    const key = await gcp.replaceMember();
    await check();
    expect((await binding()).syncState).toBe("missing");
    expect((await report()).unmanaged.map((object) => object.key)).toEqual([key]);
  });
});
