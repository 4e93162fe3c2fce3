import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmbedded, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { createBoss, installJobQueues } from "@/lib/jobs/boss";
import { jobNames } from "@/lib/jobs/job-names";
import type { RunningWorker } from "@/lib/jobs/worker";
import { testWorker } from "./job-support";

// The embedded default serves PGlite over a loopback socket; pg-boss polls,
// so a worker and a sender each on one connection share it like any client.

let dir: string;
let embedded: EmbeddedDatabase;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fedlens-embedded-jobs-"));
  embedded = await startEmbedded(dir);
  await migrate(embedded.url);
  await installJobQueues(embedded.url);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("jobs on the embedded database", () => {
  it("installs pg-boss beside the migrations and runs a job with a pool of one connection", async () => {
    const seen: string[] = [];
    worker = await testWorker(
      embedded.url,
      { "drift-target": async (data) => void seen.push(data.targetId) },
      1,
    );
    const sender = createBoss({ databaseUrl: embedded.url, poolMax: 1 });
    await sender.start();
    try {
      const targetId = randomUUID();
      const id = await sender.send(jobNames.driftTarget, { targetId, reason: "manual" });
      expect(id).toEqual(expect.any(String));

      await vi.waitFor(
        async () => {
          const job = await sender.getJobById(jobNames.driftTarget, id!, { includeArchive: true });
          if (job?.state !== "completed") throw new Error(`job is ${job?.state}`);
        },
        { timeout: 60_000, interval: 250 },
      );
      expect(seen).toEqual([targetId]);
    } finally {
      await sender.stop({ graceful: false, wait: true });
    }
  }, 120_000);
});
