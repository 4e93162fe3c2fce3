import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { runImportJob } from "@/lib/sync/import/run-import-job";
import type { TImportCommitResult, TImportView } from "@/lib/sync/import/import-schemas";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { problemOf } from "@/test/support/http";
import { fic, uamiTarget } from "@/test/unit/import/discovered-fixtures";
import { fake } from "./fake-adapter";
import { commitCall, createTestConnection, getImportCall, startImportCall } from "./import-support";

vi.mock("@/lib/clouds/adapters", async () => {
  const support = await import("./fake-adapter");
  return { cloudAdapter: support.fakeAdapter };
});
vi.mock("@/lib/connections/open-connection", () => ({
  openConnection: async (_db: unknown, id: string) => ({ id, cloud: "azure" }),
}));
const enqueued = vi.hoisted(() => [] as { name: string; data: { runId: string } }[]);
vi.mock("@/lib/jobs/enqueue", () => ({
  enqueueJob: async (name: string, data: { runId: string }) => {
    enqueued.push({ name, data });
    return `job-${enqueued.length}`;
  },
}));

let operator: string;
let viewer: string;

const discovered = {
  targets: [
    uamiTarget("id-web", [
      fic("gh-prod", { subject: "repo:contoso/web:environment:production" }),
      fic("gh-main", { subject: "repo:contoso/web:ref:refs/heads/main" }),
      fic("gh-custom", { subject: "repo:contoso/web:job_workflow_ref:contoso/wf@refs/heads/main" }),
    ]),
    uamiTarget("id-api", [fic("k8s-api", { subject: "repo:contoso/api:environment:production" })]),
  ],
  errors: [
    {
      object: "id-secret",
      error: {
        kind: "denied" as const,
        code: "AuthorizationFailed",
        message: "no access",
        cause: "no role",
        fix: "grant a role",
        status: 403,
      },
    },
  ],
};

beforeAll(async () => {
  operator = await createTestToken(await createTestUser({ role: "operator" }));
  viewer = await createTestToken(await createTestUser({ role: "viewer" }));
});

beforeEach(() => {
  fake.discover.mockReset();
  fake.discover.mockResolvedValue(discovered);
});

async function readyRun(): Promise<string> {
  const connection = await createTestConnection("azure");
  const response = await startImportCall(operator, connection.id);
  expect(response.status).toBe(202);
  const run = (await response.json()) as { id: string };
  await runImportJob(enqueued.at(-1)?.data ?? { runId: run.id });
  return run.id;
}

async function view(runId: string, query = ""): Promise<TImportView> {
  const response = await getImportCall(viewer, runId, query);
  expect(response.status).toBe(200);
  return (await response.json()) as TImportView;
}

const selectableIds = (page: TImportView) =>
  page.data.flatMap((target) => [
    ...(target.selectable ? [target.id] : []),
    ...target.bindings.filter((binding) => binding.selectable).map((binding) => binding.id),
  ]);

const counts = async () => {
  const db = getDb();
  const [issuers, workloads, targets, bindings, events] = await Promise.all([
    db.issuer.count(),
    db.workload.count(),
    db.cloudTarget.count(),
    db.binding.count(),
    db.auditEvent.count(),
  ]);
  return { issuers, workloads, targets, bindings, events };
};

describe("starting an import", () => {
  it("answers 202 with a queued run, queues the read and audits it", async () => {
    const connection = await createTestConnection("azure");
    const response = await startImportCall(operator, connection.id);
    expect(response.status).toBe(202);
    const run = (await response.json()) as { id: string; status: string; connectionId: string };
    expect(run).toMatchObject({ status: "queued", connectionId: connection.id });
    expect(response.headers.get("location")).toBe(`/api/v1/imports/${run.id}`);
    expect(enqueued.at(-1)).toEqual({ name: "import-read", data: { runId: run.id } });
    const event = await getDb().auditEvent.findFirst({
      where: { action: "import.start", entityId: run.id },
    });
    expect(event?.entityType).toBe("import");
  });

  it("refuses a viewer (403) and an unknown connection (404)", async () => {
    const connection = await createTestConnection("azure");
    expect((await startImportCall(viewer, connection.id)).status).toBe(403);
    const unknown = await startImportCall(operator, "00000000-0000-4000-8000-000000000000");
    expect(await problemOf(unknown)).toMatchObject({
      status: 404,
      detail: "No connection with this id.",
    });
  });
});

describe("reviewing an import", () => {
  it("shows the run's status and proposals page by page, with read errors listed apart", async () => {
    const runId = await readyRun();
    const first = await view(runId, "limit=1");
    expect(first.run.status).toBe("ready");
    expect(first.summary).toMatchObject({
      targets: { new: 2, catalogued: 0, conflicting: 0 },
      bindings: { new: 4, catalogued: 0, conflicting: 0 },
      blocked: 1,
      readErrors: 1,
    });
    expect(first.readErrors[0]).toMatchObject({ object: "id-secret" });
    expect(first.data).toHaveLength(1);
    expect(first.meta.nextCursor).not.toBeNull();
    const second = await view(runId, `limit=1&cursor=${first.meta.nextCursor}`);
    expect(second.data[0]?.displayName).toBe("id-api");
    expect(second.meta.nextCursor).toBeNull();
  });

  it("answers 404 for an unknown run and shows no proposals before the read", async () => {
    const unknown = await getImportCall(viewer, "00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    const connection = await createTestConnection("azure");
    const started = (await (await startImportCall(operator, connection.id)).json()) as {
      id: string;
    };
    const queued = await view(started.id);
    expect(queued).toMatchObject({ run: { status: "queued" }, summary: null, data: [] });
  });
});

describe("committing an import", () => {
  it("creates the selected rows in one audited transaction; imported bindings are owned and in sync", async () => {
    const runId = await readyRun();
    const before = await counts();
    const page = await view(runId);
    const select = selectableIds(page);
    const response = await commitCall(operator, runId, select);
    expect(response.status).toBe(200);
    const result = (await response.json()) as TImportCommitResult;
    expect(result).toMatchObject({
      run: { status: "imported" },
      created: { issuers: 1, workloads: 3, targets: 2, bindings: 3 },
      unchanged: 0,
    });
    const after = await counts();
    expect(after).toMatchObject({
      issuers: before.issuers + 1,
      workloads: before.workloads + 3,
      targets: before.targets + 2,
      bindings: before.bindings + 3,
      // one create event per row plus the import.commit summary
      events: before.events + 1 + 3 + 2 + 3 + 1,
    });
    const summary = await getDb().auditEvent.findFirst({
      where: { action: "import.commit", entityId: runId },
    });
    expect(summary?.after).toMatchObject({ created: result.created });
    const bindings = await getDb().binding.findMany({
      where: { name: { in: ["gh-prod", "gh-main", "k8s-api"] } },
      select: {
        owned: true,
        syncState: true,
        syncCheckedAt: true,
        target: { select: { connectionId: true } },
      },
    });
    const connectionId = (await getDb().importRun.findUniqueOrThrow({ where: { id: runId } }))
      .connectionId;
    expect(bindings).toHaveLength(3);
    for (const binding of bindings) {
      expect(binding).toMatchObject({
        owned: true,
        syncState: "in_sync",
        target: { connectionId },
      });
      expect(binding.syncCheckedAt).not.toBeNull();
    }

    const again = await view(runId);
    expect(again.summary?.bindings).toEqual({ new: 1, catalogued: 3, conflicting: 0 });
    const repeat = await commitCall(operator, runId, select);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({
      created: { issuers: 0, workloads: 0, targets: 0, bindings: 0 },
      unchanged: select.length,
    });
    expect((await counts()).bindings).toBe(after.bindings);
  });

  it("refuses a selection with a blocked row up front and writes nothing", async () => {
    const runId = await readyRun();
    const page = await view(runId);
    const blocked = page.data
      .flatMap((t) => t.bindings)
      .find((b) => b.status === "new" && !b.selectable);
    const before = await counts();
    const response = await commitCall(operator, runId, [...selectableIds(page), blocked?.id ?? ""]);
    const problem = await problemOf(response);
    expect(problem.status).toBe(422);
    expect(problem.invalid_params).toEqual([
      { name: blocked?.id, reason: "the catalogue rules refuse it; see its findings" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("answers 409 when the proposals changed or the run is not ready, and 403 to a viewer", async () => {
    const runId = await readyRun();
    const page = await view(runId);
    const select = selectableIds(page);
    expect((await commitCall(viewer, runId, select)).status).toBe(403);
    const stale = await problemOf(
      await commitCall(operator, runId, ["b-000000000000000000000000"]),
    );
    expect(stale).toMatchObject({ status: 409 });
    expect(stale.invalid_params?.[0]?.reason).toBe("no longer proposed by this import");

    const connection = await createTestConnection("azure");
    const queued = (await (await startImportCall(operator, connection.id)).json()) as {
      id: string;
    };
    const notReady = await problemOf(
      await commitCall(operator, queued.id, ["t-000000000000000000000000"]),
    );
    expect(notReady).toMatchObject({ status: 409 });
    expect(notReady.detail).toMatch(/queued/);
  });
});
