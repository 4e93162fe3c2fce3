// The trust map's loader on a real catalogue: rows created through the same
// use-cases as the API, read back with Prisma, judged by the evaluators.
import { beforeAll, describe, expect, it } from "vitest";
import { trustMapEdges, trustMapOpenEdges, type TrustMap } from "@/lib/trust-map/build-trust-map";
import { loadTrustMap } from "@/lib/trust-map/load-trust-map";
import type { TBinding } from "@/lib/schemas/binding";
import type { TWorkload } from "@/lib/schemas/workload";
import { createTrustMapEstate } from "./trust-map-estate";

let map: TrustMap;
let web: TWorkload;
let api: TWorkload;
let tool: TWorkload;
let exact: TBinding;
let slip: TBinding;
let broad: TBinding;
let pool: TBinding;

beforeAll(async () => {
  ({ web, api, tool, exact, slip, broad, pool } = await createTrustMapEstate());
  map = await loadTrustMap();
});

function edge(binding: TBinding, workload: TWorkload) {
  return trustMapEdges(map).find(
    (candidate) => candidate.bindingId === binding.id && candidate.workloadId === workload.id,
  );
}

describe("loadTrustMap", () => {
  it("draws the exact trust as its workload's effective edge", () => {
    expect(edge(exact, web)).toMatchObject({ kind: "effective", declared: true, cloud: "azure" });
  });

  it("calls the trust with a case slip broken, with Entra's error", () => {
    expect(edge(slip, api)).toMatchObject({
      kind: "broken",
      declared: true,
      failingCheck: { check: "subject" },
      cloudError: { code: "AADSTS7002138" },
    });
  });

  it("finds the other catalogued workload an owner-wide pattern admits, and no other owner's", () => {
    expect(edge(broad, api)).toMatchObject({ kind: "effective", declared: false, cloud: "aws" });
    expect(edge(broad, tool)).toBeUndefined();
  });

  it("keeps a pool-wide grant's own workload out when the provider's condition refuses it", () => {
    // The factory's provider admits only repository_owner contoso.
    expect(edge(pool, tool)).toMatchObject({
      kind: "broken",
      failingCheck: { check: "attributeCondition" },
    });
    expect(edge(pool, web)).toMatchObject({ kind: "effective", declared: false });
  });

  it("lists what the broad trusts admit beyond the catalogue", () => {
    const open = Object.fromEntries(
      trustMapOpenEdges(map).map((entry) => [entry.bindingId, entry.admits]),
    );
    expect(open).toEqual({
      [broad.id]: "any repository of contoso",
      [pool.id]: "any identity in pool test-pool",
    });
  });
});
