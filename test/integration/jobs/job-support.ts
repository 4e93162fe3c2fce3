import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pino from "pino";
import { vi } from "vitest";
import type { JobHandlers } from "@/lib/jobs/handlers";
import { jobSender } from "@/lib/jobs/sender";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { quickQueues } from "./quick-queues";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const silent = pino({ level: "silent" });

export function testWorker(
  databaseUrl: string,
  handlers: Partial<JobHandlers>,
  poolMax = 2,
  driftIntervalSeconds: number | null = null,
): Promise<RunningWorker> {
  const idle = async () => undefined;
  return startWorker({
    databaseUrl,
    poolMax,
    driftIntervalSeconds,
    pollingIntervalSeconds: 0.5,
    maintenanceIntervalSeconds: 1,
    queues: quickQueues,
    logger: silent,
    handlers: {
      "import-read": idle,
      "drift-sweep": idle,
      "drift-target": idle,
      "sync-apply": idle,
      ...handlers,
    },
  });
}

export async function jobState(name: string, id: string) {
  const boss = await jobSender();
  const job = await boss.getJobById(name, id, { includeArchive: true });
  return job ? { state: job.state, retryCount: job.retryCount } : null;
}

/** Polls until the job reaches `state` (no fixed sleep: it returns as soon as it does). */
export async function waitForJob(name: string, id: string, state: string, timeout = 30_000) {
  return vi.waitFor(
    async () => {
      const current = await jobState(name, id);
      if (current?.state !== state) throw new Error(`job is ${current?.state ?? "gone"}`);
      return current;
    },
    { timeout, interval: 250 },
  );
}

/** A Node process running one of our TypeScript entry points, with its output as JSON lines. */
export function startNode(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", ...args],
    { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitForOutput = (needle: string, timeout = 60_000) =>
    vi.waitFor(
      () => {
        if (!output.includes(needle)) throw new Error(`waiting for ${needle}; got: ${output}`);
      },
      { timeout, interval: 100 },
    );
  return { child, exited, waitForOutput, output: () => output };
}
