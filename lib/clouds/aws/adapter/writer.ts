import "server-only";
import type { CloudWriter } from "@/lib/clouds/adapter-types";

// Placeholder until the Aws write side lands; replaced by the writer's own module.
const notYet = () => {
  throw new Error("Writing to Aws is not built yet.");
};

export const awsWriter: CloudWriter = { describeChange: notYet, applyChange: notYet };
