// A process that runs one import's read job, as a worker would: the crash
// test SIGKILLs it while the cloud is holding one of its requests.
import { runImportJob } from "@/lib/sync/import/run-import-job";

const [runId = ""] = process.argv.slice(2);
console.log(JSON.stringify({ reading: runId }));
await runImportJob({ runId });
console.log(JSON.stringify({ finished: runId }));
process.exit(0);
