import { parseArgs } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { getEnv } from "@/lib/env";
import { startProcessWorker } from "@/lib/jobs/start-process-worker";

export const usage =
  "worker                           run a job worker (imports, drift checks) until SIGTERM";

/** Resolves on the first SIGTERM or SIGINT. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
}

export async function run(argv: string[]): Promise<number> {
  parseArgs(argv, {});
  const db = await openDatabase();
  try {
    console.log(`Database: ${db.description}`);
    const worker = await startProcessWorker({
      databaseUrl: db.url,
      embedded: db.kind !== "postgres",
    });
    const interval = getEnv().FEDLENS_DRIFT_INTERVAL;
    console.log(
      `Worker ${worker.id} running (drift checks ${interval === "off" ? "only when asked" : `every ${interval}`}); stop it with SIGTERM.`,
    );
    const signal = await untilStopped();
    console.log(`${signal}: finishing running jobs, then stopping.`);
    await worker.stop();
    console.log("Worker stopped.");
    return 0;
  } finally {
    await db.close();
  }
}
