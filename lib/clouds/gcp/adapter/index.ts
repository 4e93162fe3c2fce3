import "server-only";
import type { CloudAdapter } from "@/lib/clouds/adapter-types";

// Placeholder until the Gcp adapter lands; replaced by the adapter's own module.
const notYet = () => {
  throw new Error("The Gcp adapter is not built yet.");
};

export const gcpAdapter: CloudAdapter = {
  cloud: "gcp",
  test: notYet,
  discover: notYet,
  readTarget: notYet,
  bindingKey: notYet,
  explain: notYet,
};
