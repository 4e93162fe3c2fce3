import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, afterEach, describe, expect, inject, it, vi } from "vitest";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { jobNames } from "@/lib/jobs/job-names";
import { jobSender, stopJobSender } from "@/lib/jobs/sender";
import type { RunningWorker } from "@/lib/jobs/worker";
import { jobState, repoRoot, startNode, testWorker, waitForJob } from "./job-support";

const databaseUrl = inject("databaseUrl");
const workers: RunningWorker[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});
afterAll(() => stopJobSender());

describe("durable jobs", () => {
  it("runs an enqueued job on a worker and marks it completed", async () => {
    const seen: string[] = [];
    workers.push(
      await testWorker(databaseUrl, {
        "drift-target": async (data) => {
          seen.push(data.targetId);
        },
      }),
    );
    const targetId = randomUUID();

    const id = await enqueueJob(jobNames.driftTarget, { targetId, reason: "manual" });

    await waitForJob(jobNames.driftTarget, id, "completed");
    expect(seen).toEqual([targetId]);
  });

  it("keeps one queued check per target: asking twice returns the same job", async () => {
    const key = `target:${randomUUID()}`;
    const data = { targetId: randomUUID(), reason: "manual" as const };

    const first = await enqueueJob(jobNames.driftTarget, data, { singletonKey: key });
    const second = await enqueueJob(jobNames.driftTarget, data, { singletonKey: key });
    const other = await enqueueJob(jobNames.driftTarget, data, {
      singletonKey: `target:${randomUUID()}`,
    });

    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect((await jobState(jobNames.driftTarget, first))?.state).toBe("created");
  });

  it("retries a job whose handler throws, and it converges on a later attempt", async () => {
    const targetId = randomUUID();
    let attempts = 0;
    workers.push(
      await testWorker(databaseUrl, {
        "drift-target": async (data) => {
          if (data.targetId !== targetId) return;
          attempts += 1;
          if (attempts === 1) throw new Error("the cloud hung up");
        },
      }),
    );

    const id = await enqueueJob(jobNames.driftTarget, { targetId, reason: "manual" });

    const done = await waitForJob(jobNames.driftTarget, id, "completed");
    expect(attempts).toBe(2);
    expect(done.retryCount).toBe(1);
  });

  it("gives a job back to the queue when its worker dies mid-job, and another worker finishes it", async () => {
    const crashing = startNode(
      [path.join(repoRoot, "test/integration/jobs/hanging-worker.ts"), databaseUrl],
      { LOG_LEVEL: "silent" },
    );
    await crashing.waitForOutput('"ready"');
    const targetId = randomUUID();
    const id = await enqueueJob(jobNames.driftTarget, { targetId, reason: "manual" });
    await crashing.waitForOutput(`"started":"${targetId}"`);
    expect((await jobState(jobNames.driftTarget, id))?.state).toBe("active");

    crashing.child.kill("SIGKILL");
    await crashing.exited;
    const finished: string[] = [];
    workers.push(
      await testWorker(databaseUrl, {
        "drift-target": async (data) => {
          if (data.targetId === targetId) finished.push(data.targetId);
        },
      }),
    );

    const done = await waitForJob(jobNames.driftTarget, id, "completed", 45_000);
    expect(finished).toEqual([targetId]);
    expect(done.retryCount).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it("sends one drift sweep per interval however many workers run", async () => {
    let sweeps = 0;
    const sweep = async () => {
      sweeps += 1;
    };
    // Twelve hours: both workers' first send falls in the same slot.
    workers.push(await testWorker(databaseUrl, { "drift-sweep": sweep }, 2, 12 * 3600));
    workers.push(await testWorker(databaseUrl, { "drift-sweep": sweep }, 2, 12 * 3600));

    const sweepJobs = async (state?: string) => {
      const boss = await jobSender();
      const { rows } = await boss
        .getDb()
        .executeSql(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND ($2::text IS NULL OR state::text = $2)`,
          [jobNames.driftSweep, state ?? null],
        );
      return (rows[0] as { n: number }).n;
    };

    await vi.waitFor(
      async () => {
        if ((await sweepJobs("completed")) < 1) throw new Error("no sweep yet");
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(await sweepJobs()).toBe(1);
    expect(sweeps).toBe(1);
  });

  it("`worker` starts from the command line and stops cleanly on SIGTERM", async () => {
    const cli = startNode([path.join(repoRoot, "lib/cli/main.ts"), "worker"], {
      DATABASE_URL: databaseUrl,
      FEDLENS_DRIFT_INTERVAL: "off",
      LOG_LEVEL: "silent",
    });
    await cli.waitForOutput("stop it with SIGTERM");

    cli.child.kill("SIGTERM");

    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain("Worker stopped.");
  }, 90_000);
});
