// A worker thread's entry for a TypeScript module: worker threads do not
// inherit the `--import tsx` hooks of the bench process, so the worker
// registers them itself before loading `workerData.entry`.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
