import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

// As in the root config: server-only resolves to nothing, since the factories
// run lib/ modules in the test process.
const alias = {
  "@": root,
  "server-only": path.join(root, "test/support/server-only.ts"),
};

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    name: "e2e",
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/e2e/global-setup.ts"],
    setupFiles: ["test/e2e/support/setup.ts"],
    // One console and one database for the run; files take turns and reset it.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll's default gives up after 1 s; a page streaming in after a
    // server round trip can take longer on a busy machine.
    expect: { poll: { timeout: 10_000 } },
  },
});
