import { vi } from "vitest";
import type {
  AdapterConnection,
  CloudAdapter,
  DiscoverProgress,
  DiscoverResult,
} from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { testBindingKey } from "@/test/unit/import/discovered-fixtures";

// A fake adapter whose discover the test scripts, behind the real adapter
// registry's interface (the test files vi.mock lib/clouds/adapters with it).

export type Discover = (
  connection: AdapterConnection,
  options: { onProgress?: DiscoverProgress },
) => Promise<DiscoverResult>;

export const fake = {
  discover: vi.fn<Discover>(),
};

export function fakeAdapter(cloud: Cloud): CloudAdapter {
  return {
    cloud,
    test: async () => ({ ok: true, principal: "fake", details: [] }),
    discover: (connection, options = {}) => fake.discover(connection, options),
    readTarget: async () => ({ state: "missing" }),
    bindingKey: testBindingKey(cloud),
    explain: () => ({
      kind: "other",
      code: "FakeError",
      message: "fake",
      cause: "fake",
      fix: "fake",
    }),
  };
}
