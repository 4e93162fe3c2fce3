import { describe, expect, it } from "vitest";
import {
  buildTrustMap,
  buildTrustMapInSlices,
  trustMapEdges,
  trustMapOpenEdges,
  type TrustMap,
} from "@/lib/trust-map/build-trust-map";
import {
  catalogue,
  ficBinding,
  githubWorkload,
  grantBinding,
  pool,
  roleBinding,
} from "./catalogue";

// The server builds its map in slices so that other requests are answered
// meanwhile: the same graph as the one-go build, with the event loop given
// turns while it runs.

const at = new Date("2026-12-06T06:00:00Z");
const subKey = "token.actions.githubusercontent.com:sub";

const workloads = Array.from({ length: 12 }, (_, index) =>
  githubWorkload(`w-${index}`, `repo-${index}`),
);
const estate = catalogue({
  workloads,
  bindings: [
    ...workloads.map((workload) => ficBinding(`fic-${workload.id}`, workload, workload.subject)),
    // Broad ones, judged against every workload of the issuer.
    roleBinding("owner-wide", workloads[0]!, { StringLike: { [subKey]: "repo:contoso/*" } }),
    grantBinding("pool-wide", workloads[1]!, `principalSet:${pool}/*`),
  ],
});

const sorted = (map: TrustMap) => ({
  edges: trustMapEdges(map)
    .map((edge) => ({ ...edge }))
    .sort((a, b) =>
      `${a.bindingId} ${a.workloadId}`.localeCompare(`${b.bindingId} ${b.workloadId}`),
    ),
  open: trustMapOpenEdges(map).sort((a, b) => a.bindingId.localeCompare(b.bindingId)),
});

/** Counts the event-loop turns other work got until `work` settles. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  running = false;
  return { result, turns };
}

describe("buildTrustMapInSlices", () => {
  it("draws the same graph as the one-go build", async () => {
    const whole = buildTrustMap(estate, { at });
    const sliced = await buildTrustMapInSlices(estate, { at, shouldPause: () => true });
    expect(sorted(whole).edges.length).toBeGreaterThan(workloads.length);
    expect(sorted(sliced)).toEqual(sorted(whole));
  });

  it("lets other work run between the tokens it judges, even inside one broad binding", async () => {
    let asked = 0;
    const { turns } = await turnsDuring(() =>
      buildTrustMapInSlices(estate, {
        at,
        shouldPause: () => {
          asked += 1;
          return true;
        },
      }),
    );
    // One pause per token judged: the exact bindings' own, and each broad
    // binding's against all twelve workloads.
    expect(asked).toBeGreaterThanOrEqual(workloads.length * 3);
    expect(turns).toBeGreaterThanOrEqual(asked - 1);
  });

  it("keeps the thread while the slice lasts", async () => {
    const { turns } = await turnsDuring(() =>
      buildTrustMapInSlices(estate, { at, shouldPause: () => false }),
    );
    expect(turns).toBe(0);
  });
});
