import "server-only";
import type { CloudWriter } from "@/lib/clouds/adapter-types";

// Placeholder until the Gcp write side lands; replaced by the writer's own module.
const notYet = () => {
  throw new Error("Writing to Gcp is not built yet.");
};

export const gcpWriter: CloudWriter = { describeChange: notYet, applyChange: notYet };
