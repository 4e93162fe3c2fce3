import { beforeEach, describe, expect, it, vi } from "vitest";
import { listBindings } from "@/lib/catalog/bindings/list-bindings";
import { getDb } from "@/lib/db/client";
import { runDriftJob } from "@/lib/sync/drift/run-drift-job";
import { getTargetDrift } from "@/lib/sync/drift/get-target-drift";
import {
  connectedTarget,
  fakeAdapter,
  fakeCloud,
  fakeConnection,
} from "@/test/integration/drift/drift-support";

vi.mock("@/lib/clouds/adapters", () => ({ cloudAdapter: () => fakeAdapter }));
vi.mock("@/lib/connections/open-connection", () => ({
  openConnection: async (_db: unknown, id: string) => fakeConnection(id),
}));

const forbidden = {
  kind: "denied" as const,
  code: "AuthorizationFailed",
  message: "The client has no authorization to read federated identity credentials.",
  cause: "Fedlens's identity has no role on this identity.",
  fix: "Grant it the Managed Identity Operator role.",
  status: 403,
};

async function states(targetId: string) {
  const rows = await getDb().binding.findMany({
    where: { targetId },
    orderBy: { name: "asc" },
    select: {
      name: true,
      syncState: true,
      drift: true,
      syncCheckedAt: true,
      version: true,
      updatedAt: true,
    },
  });
  return rows;
}

const driftEvents = () =>
  getDb().auditEvent.findMany({ where: { action: "drift.change" }, orderBy: { seq: "asc" } });

let setup: Awaited<ReturnType<typeof connectedTarget>>;

beforeEach(async () => {
  setup = await connectedTarget();
  fakeCloud.objects = new Map(setup.objects);
  fakeCloud.outcome = "found";
  fakeCloud.reads = 0;
});

async function check() {
  await runDriftJob({ targetId: setup.target.id, reason: "manual" });
}

describe("drift job", () => {
  it("marks bindings whose cloud objects match as in sync, audited once as system events", async () => {
    const seqBefore = (await getDb().auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;

    await check();

    const rows = await states(setup.target.id);
    expect(rows.map((row) => row.syncState)).toEqual(["in_sync", "in_sync"]);
    expect(rows.every((row) => row.syncCheckedAt !== null && row.drift === null)).toBe(true);
    const events = await getDb().auditEvent.findMany({
      where: { seq: { gt: seqBefore }, action: "drift.change", entityType: "binding" },
    });
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.actorType === "system" && event.actorId === null)).toBe(
      true,
    );
    expect(events[0]?.before).toEqual({ syncState: "pending" });
    expect(events[0]?.after).toEqual({ syncState: "in-sync" });
  });

  it("is idempotent: a second run over an unchanged cloud audits nothing and leaves versions alone", async () => {
    await check();
    const first = await states(setup.target.id);
    const eventsAfterFirst = (await driftEvents()).length;

    await check();

    const second = await states(setup.target.id);
    expect((await driftEvents()).length).toBe(eventsAfterFirst);
    expect(second.map((row) => [row.syncState, row.version, row.updatedAt.getTime()])).toEqual(
      first.map((row) => [row.syncState, row.version, row.updatedAt.getTime()]),
    );
    expect(second[0]!.syncCheckedAt!.getTime()).toBeGreaterThanOrEqual(
      first[0]!.syncCheckedAt!.getTime(),
    );
  });

  it("reports a changed cloud object as drifted with the differing field, cloud value beside catalogue value", async () => {
    await check();
    const [first] = setup.bindings.map((binding) => binding.name).sort();
    const object = fakeCloud.objects.get(first!) as { subject: string };
    fakeCloud.objects.set(first!, { ...object, subject: "repo:someone/else:ref:refs/heads/main" });

    await check();

    const row = (await states(setup.target.id)).find((binding) => binding.name === first);
    expect(row?.syncState).toBe("drifted");
    expect(row?.drift).toEqual({
      kind: "diff",
      differences: [
        {
          path: "subject",
          cloud: "repo:someone/else:ref:refs/heads/main",
          catalog: object.subject,
        },
      ],
    });
    const events = await driftEvents();
    expect(events.at(-1)?.after).toEqual({ syncState: "drifted", fields: ["subject"] });
  });

  it("reports an object deleted from the cloud as missing", async () => {
    const [first, second] = setup.bindings.map((binding) => binding.name).sort();
    fakeCloud.objects.delete(first!);

    await check();

    const rows = await states(setup.target.id);
    expect(rows.map((row) => [row.name, row.syncState])).toEqual([
      [first, "missing"],
      [second, "in_sync"],
    ]);
    expect(rows[0]?.drift).toEqual({ kind: "missing", reason: "object-missing" });
    const listed = await listBindings({
      query: { targetId: setup.target.id, syncState: "missing", limit: 10 },
    });
    expect(listed.data.map((binding) => [binding.name, binding.syncState])).toEqual([
      [first, "missing"],
    ]);
  });

  it("reports an unreadable cloud (403) as unknown with the cloud's error, never as missing", async () => {
    await check();
    fakeCloud.objects.clear();
    fakeCloud.outcome = { unreadable: forbidden };

    await check();

    const rows = await states(setup.target.id);
    expect(rows.map((row) => row.syncState)).toEqual(["unknown", "unknown"]);
    expect(rows[0]?.drift).toEqual({ kind: "error", error: forbidden });
    const report = await getTargetDrift({ targetId: setup.target.id });
    expect(report.read).toBe("unreadable");
    expect(report.error?.code).toBe("AuthorizationFailed");
  });

  it("lists the cloud's objects no binding matches as unmanaged, with the connection's import page", async () => {
    fakeCloud.objects.set("hand-made", {
      name: "hand-made",
      subject: "repo:acme/stray:ref:refs/heads/main",
    });

    await check();

    const report = await getTargetDrift({ targetId: setup.target.id });
    expect(report.unmanaged.map((object) => object.key)).toEqual(["hand-made"]);
    expect(report.importHref).toBe(`/connections/${report.connectionId}/import`);
    expect(report.checkedAt).not.toBeNull();
    const targetEvents = (await driftEvents()).filter((event) => event.entityType === "target");
    expect(targetEvents.at(-1)?.after).toEqual({ read: "found", unmanaged: ["hand-made"] });
  });

  it("leaves a target without a connection untouched: no read, bindings pending, nothing audited", async () => {
    const loose = await connectedTarget({ connected: false });
    const eventsBefore = (await driftEvents()).length;

    await runDriftJob({ targetId: loose.target.id, reason: "scheduled" });

    expect(fakeCloud.reads).toBe(0);
    expect(
      (await states(loose.target.id)).map((row) => [row.syncState, row.syncCheckedAt]),
    ).toEqual([
      ["pending", null],
      ["pending", null],
    ]);
    expect((await driftEvents()).length).toBe(eventsBefore);
  });
});
