import "server-only";
import type { CloudAdapter } from "@/lib/clouds/adapter-types";

// Placeholder until the Aws adapter lands; replaced by the adapter's own module.
const notYet = () => {
  throw new Error("The Aws adapter is not built yet.");
};

export const awsAdapter: CloudAdapter = {
  cloud: "aws",
  test: notYet,
  discover: notYet,
  readTarget: notYet,
  bindingKey: notYet,
  explain: notYet,
};
