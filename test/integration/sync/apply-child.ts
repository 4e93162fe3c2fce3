// A process that runs one plan's apply job, as a worker would, with each
// cloud's real writer wrapped: once a write has landed in the cloud, and
// before the job can record it, the process SIGKILLs itself. The crash test
// runs the job again in its own process and expects it to converge.
import { writeSync } from "node:fs";
import type { CloudWriter } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { cloudWriter } from "@/lib/clouds/writers";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";

const [planId = ""] = process.argv.slice(2);

// Written synchronously: a console.log to a pipe may still be buffered when SIGKILL lands.
const say = (line: object) => writeSync(1, `${JSON.stringify(line)}\n`);

function dyingAfterWrite(cloud: Cloud): CloudWriter {
  const writer = cloudWriter(cloud);
  return {
    ...writer,
    async applyChange(connection, target, change, options) {
      const result = await writer.applyChange(connection, target, change, options);
      say({ written: change.key, status: result.status });
      process.kill(process.pid, "SIGKILL");
      return result;
    },
  };
}

say({ applying: planId });
await runApplyJob({ planId }, { writerFor: dyingAfterWrite });
say({ finished: planId });
process.exit(0);
