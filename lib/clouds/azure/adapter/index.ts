import "server-only";
import type { CloudAdapter } from "@/lib/clouds/adapter-types";

// Placeholder until the Azure adapter lands; replaced by the adapter's own module.
const notYet = () => {
  throw new Error("The Azure adapter is not built yet.");
};

export const azureAdapter: CloudAdapter = {
  cloud: "azure",
  test: notYet,
  discover: notYet,
  readTarget: notYet,
  bindingKey: notYet,
  explain: notYet,
};
