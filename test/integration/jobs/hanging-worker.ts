// A worker process whose drift handler starts and never finishes: the jobs
// test SIGKILLs it mid-job to stand for a crash.
import pino from "pino";
import { startWorker } from "@/lib/jobs/worker";
import { quickQueues } from "./quick-queues";

const [databaseUrl = ""] = process.argv.slice(2);
const idle = async () => undefined;

const worker = await startWorker({
  databaseUrl,
  poolMax: 1,
  driftIntervalSeconds: null,
  pollingIntervalSeconds: 0.5,
  queues: quickQueues,
  logger: pino({ level: "silent" }),
  handlers: {
    "import-read": idle,
    "sync-apply": idle,
    "drift-sweep": idle,
    "drift-target": async (data) => {
      console.log(JSON.stringify({ started: data.targetId }));
      await new Promise(() => undefined);
    },
  },
});
console.log(JSON.stringify({ ready: worker.id }));
