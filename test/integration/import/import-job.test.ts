import { beforeEach, describe, expect, it, vi } from "vitest";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import { getDb } from "@/lib/db/client";
import { runImportJob } from "@/lib/sync/import/run-import-job";
import { fic, uamiTarget } from "@/test/unit/import/discovered-fixtures";
import { fake, fakeAdapter } from "./fake-adapter";
import { createTestConnection } from "./import-support";

vi.mock("@/lib/clouds/adapters", async () => {
  const support = await import("./fake-adapter");
  return { cloudAdapter: support.fakeAdapter };
});
vi.mock("@/lib/connections/open-connection", () => ({
  openConnection: async (_db: unknown, id: string) => ({ id, cloud: "azure" }),
}));

const discovered = {
  targets: [uamiTarget("id-ci", [fic("gh-prod", { subject: "repo:octo/app:environment:prod" })])],
  errors: [],
};

async function queuedRun() {
  const connection = await createTestConnection("azure");
  return getDb().importRun.create({ data: { connectionId: connection.id }, select: { id: true } });
}

const readRun = (id: string) => getDb().importRun.findUniqueOrThrow({ where: { id } });

/** A promise the test resolves when it chooses. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

beforeEach(() => {
  fake.discover.mockReset();
});

describe("the import read job", () => {
  it("shows progress while reading, then stores what it read and is ready", async () => {
    const run = await queuedRun();
    const hold = gate();
    fake.discover.mockImplementation(async (_connection, { onProgress }) => {
      onProgress?.({ read: 1, total: 3, message: "Reading identity id-ci" });
      await hold.opened;
      return discovered;
    });
    const job = runImportJob({ runId: run.id });
    await vi.waitFor(async () => {
      const row = await readRun(run.id);
      expect(row.status).toBe("reading");
      expect(row.progress).toEqual({ read: 1, total: 3, message: "Reading identity id-ci" });
    });
    hold.open();
    await job;
    const row = await readRun(run.id);
    expect(row.status).toBe("ready");
    expect(row.discovered).toEqual(discovered);
    expect(row.finishedAt).not.toBeNull();
    expect(fakeAdapter("azure").cloud).toBe("azure");
  });

  it("ends failed with the cloud's error when the cloud refuses the read", async () => {
    const run = await queuedRun();
    const cloudError = {
      kind: "denied" as const,
      code: "AuthorizationFailed",
      message: "The client does not have authorization to perform action.",
      cause: "Fedlens's identity has no role on the subscription.",
      fix: "Assign it the Managed Identity Operator role.",
      status: 403,
    };
    fake.discover.mockRejectedValue(new CloudCallError(cloudError));
    await runImportJob({ runId: run.id });
    const row = await readRun(run.id);
    expect(row.status).toBe("failed");
    expect(row.error).toEqual(cloudError);
    expect(row.discovered).toBeNull();
  });

  it("converges when a crashed read is retried: one result, never undone by the late first attempt", async () => {
    const run = await queuedRun();
    const stuck = gate();
    const late = { ...discovered, targets: [] };
    fake.discover
      .mockImplementationOnce(async () => {
        await stuck.opened; // the worker that "crashed" mid-read
        return late;
      })
      .mockImplementation(async () => discovered);
    const first = runImportJob({ runId: run.id });
    await vi.waitFor(async () => expect((await readRun(run.id)).status).toBe("reading"));
    await runImportJob({ runId: run.id }); // the retry re-reads from the start
    expect((await readRun(run.id)).discovered).toEqual(discovered);
    stuck.open();
    await first;
    const row = await readRun(run.id);
    expect(row.status).toBe("ready");
    expect(row.discovered).toEqual(discovered);
    // A finished run is left alone by a further delivery.
    await runImportJob({ runId: run.id });
    expect(fake.discover).toHaveBeenCalledTimes(2);
  });

  it("does nothing for a run that no longer exists", async () => {
    await runImportJob({ runId: "00000000-0000-4000-8000-000000000000" });
    expect(fake.discover).not.toHaveBeenCalled();
  });
});
