import {
  CloudCallError,
  type AdapterConnection,
  type CloudAdapter,
  type ConnectionTestResult,
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
  /** Thrown by test() instead of answering, when set. */
  throws: null as unknown,
};

function fake(cloud: Cloud): CloudAdapter {
  return {
    cloud,
    test: async (connection) => {
      fakeAdapters.received.push(connection);
      if (fakeAdapters.throws) throw fakeAdapters.throws;
      return fakeAdapters.next;
    },
    discover: async () => ({ targets: [], errors: [] }),
    readTarget: async () => ({ state: "missing" }),
    bindingKey: () => "",
    explain: (error) =>
      error instanceof CloudCallError
        ? error.cloudError
        : {
            kind: "other",
            code: "Unexpected",
            message: String(error),
            cause: "The adapter threw.",
            fix: "Report it.",
          },
  };
}

export const adaptersModule = {
  cloudAdapter: (cloud: Cloud) => fake(cloud),
};
