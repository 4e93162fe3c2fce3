// A worker killed in the middle of an import's read: the process running the
// job is SIGKILLed while the emulator holds one of its requests, so the run
// is left `reading` with nothing stored. The job's retry (here run directly,
// as pg-boss would deliver it again) reads again from the start and ends
// `ready`, with the same proposals as an import nothing interrupted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getImport } from "@/lib/sync/import/get-import";
import { runImportJob } from "@/lib/sync/import/run-import-job";
import { startImport } from "@/lib/sync/import/start-import";
import { startNode } from "@/test/integration/jobs/job-support";
import { azureEstate, readImport } from "./import-estates";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const estate = azureEstate();

beforeAll(() => estate.start());
afterAll(() => estate.stop());

const runRow = (id: string) =>
  getDb().importRun.findUniqueOrThrow({
    where: { id },
    select: { status: true, discovered: true },
  });

describe("an import whose worker is killed mid-read", () => {
  it("converges when the job runs again: ready, the same proposals, nothing twice", async () => {
    const admin = env.admin();
    const connectionId = await estate.connect(admin);
    const run = await startImport({ ...caller(admin), connectionId });
    const held = estate
      .base()
      .emulator.faults.hold({ pathIncludes: "/federatedIdentityCredentials" });

    const worker = startNode(["test/integration/sync/import-child.ts", run.id], {});
    await held.reached;
    expect(await runRow(run.id)).toEqual({ status: "reading", discovered: null });
    worker.child.kill("SIGKILL");
    expect(await worker.exited).toBeNull();
    expect(worker.output()).not.toContain("finished");
    held.release();

    await runImportJob({ runId: run.id });

    const recovered = await getImport({ actor: admin.actor, runId: run.id, query: { limit: 100 } });
    const clean = await readImport(admin, connectionId);
    expect(recovered.run.status).toBe("ready");
    expect(recovered.summary).toEqual(clean.summary);
    expect(recovered.data).toEqual(clean.data);
    const externalIds = recovered.data.map((target) => target.externalId);
    expect(new Set(externalIds).size).toBe(externalIds.length);
    expect(recovered.data.map((t) => t.bindings.map((b) => b.name).sort())).toEqual([
      ["web-main"],
      ["any-app-run", "gh-prod"],
    ]);
  }, 60_000);
});
