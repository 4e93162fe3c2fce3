// The apply bench's clouds in a worker thread: the real clouds are remote,
// so the emulators' own work (TLS, parsing, policy rewrites, latency timers)
// must not run on the event loop whose apply is being timed. The bench
// reaches them only for what it seeds the catalogue from, the request
// tallies and the state after the apply.
import { Worker } from "node:worker_threads";
import type { Clouds, Tally } from "./sync-apply-clouds";

export type CloudsRequest = { id: number; kind: "clearLogs" | "tallies" | "state" | "stop" };

/** What the catalogue is built from: the parents seeded in the emulators and how to reach them. */
export type CloudSeed = Pick<
  Clouds,
  "azureParents" | "roleNames" | "serviceAccounts" | "connections"
>;

export type RemoteClouds = CloudSeed & {
  clearLogs(): Promise<void>;
  tallies(): Promise<Record<"azure" | "aws" | "gcp", Tally>>;
  /** What the clouds hold, in words. */
  state(): Promise<string>;
  stop(): Promise<void>;
};

type Reply = { id: number; result?: unknown; error?: string };

export async function startRemoteClouds(): Promise<RemoteClouds> {
  const worker = new Worker(new URL("./support/ts-worker.mjs", import.meta.url), {
    workerData: { entry: new URL("./sync-apply-clouds-worker.ts", import.meta.url).href },
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let failed: Error | undefined;
  const settleAll = (error: Error) => {
    failed = error;
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  worker.on("message", (reply: Reply) => {
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error !== undefined) entry?.reject(new Error(reply.error));
    else entry?.resolve(reply.result);
  });
  worker.on("error", settleAll);
  worker.on("exit", () => settleAll(new Error("the clouds' worker has stopped")));
  let next = 1;
  const ask = <T>(kind: CloudsRequest["kind"]) =>
    new Promise<T>((resolve, reject) => {
      if (failed) return reject(failed);
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, kind } satisfies CloudsRequest);
    });
  const seed = await new Promise<CloudSeed>((resolve, reject) =>
    waiting.set(0, { resolve: resolve as (v: unknown) => void, reject }),
  );
  return {
    ...seed,
    clearLogs: () => ask("clearLogs"),
    tallies: () => ask("tallies"),
    state: () => ask("state"),
    async stop() {
      await ask("stop");
      await worker.terminate();
    },
  };
}
