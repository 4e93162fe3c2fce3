import type {
  AdapterConnection,
  CloudAdapter,
  ConnectionTestResult,
} from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";

// Stands in for the cloud adapters (built elsewhere) in these tests: records
// what each test() received and answers what the test set.

export const fakeAdapters = {
  received: [] as AdapterConnection[],
  next: {
    ok: true,
    principal: "fedlens-reader",
    details: ["read one object"],
  } as ConnectionTestResult,
};

function fake(cloud: Cloud): CloudAdapter {
  return {
    cloud,
    test: async (connection) => {
      fakeAdapters.received.push(connection);
      return fakeAdapters.next;
    },
    discover: async () => ({ targets: [], errors: [] }),
    readTarget: async () => ({ state: "missing" }),
    bindingKey: () => "",
    explain: (error) => ({
      kind: "other",
      code: "Unexpected",
      message: String(error),
      cause: "The adapter threw.",
      fix: "Report it.",
    }),
  };
}

export const adaptersModule = {
  cloudAdapter: (cloud: Cloud) => fake(cloud),
};
