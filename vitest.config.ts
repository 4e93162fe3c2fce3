import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

// server-only throws outside a React server bundle; under test every module
// runs on the server, so it resolves to nothing.
const alias = {
  "@": root,
  "server-only": path.join(root, "test/support/server-only.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          env: { LOG_LEVEL: "silent" },
          // The default 5 s leaves a CPU-bound test (the trust map's
          // randomised update run: 1–2 s alone) too little room on a busy
          // 2-core machine, where it was measured at up to 4.8 s.
          testTimeout: 15_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/integration-global-setup.ts"],
          setupFiles: ["test/support/integration-setup.ts"],
          // One database for the run; files take turns and reset it.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // expect.poll's default gives up after 1 s; a wait on the database
          // or a job can take longer on a busy machine.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
