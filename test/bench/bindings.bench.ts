// How the bindings list scales (issue 3 §8): the first page, filtered by
// cloud and searched by subject, through the real route handler at 1,000 and
// 100,000 bindings. Goal: p50(100k) ≤ 1.5 × p50(1k).
import type { BenchReport } from "./support/bench";
import { runScalingBench } from "./support/scaling";
import { rareRepository, seedBindings } from "./support/seed-bindings";

export function run(): Promise<BenchReport> {
  return runScalingBench({
    title: "Bindings list",
    tables: ["binding"],
    async probes() {
      const bindings = await import("@/app/api/v1/bindings/route");
      return [
        { label: "bindings, first page", handler: bindings.GET, path: "/api/v1/bindings" },
        { label: "bindings ?cloud=aws", handler: bindings.GET, path: "/api/v1/bindings?cloud=aws" },
        {
          label: `bindings ?q=${rareRepository}`,
          handler: bindings.GET,
          path: `/api/v1/bindings?q=${rareRepository}`,
        },
        {
          label: `bindings ?cloud=gcp&q=${rareRepository}`,
          handler: bindings.GET,
          path: `/api/v1/bindings?cloud=gcp&q=${rareRepository}`,
        },
      ];
    },
    seed: seedBindings,
  });
}
