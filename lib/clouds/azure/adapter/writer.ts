import "server-only";
import type { CloudWriter } from "@/lib/clouds/adapter-types";

// Placeholder until the Azure write side lands; replaced by the writer's own module.
const notYet = () => {
  throw new Error("Writing to Azure is not built yet.");
};

export const azureWriter: CloudWriter = { describeChange: notYet, applyChange: notYet };
