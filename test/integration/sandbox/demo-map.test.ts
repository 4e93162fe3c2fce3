// The demo estate as the trust map sees it (issue 15 "Done when"): a broad
// trust and a pool-wide grant as open edges, a trust admitting another
// catalogued workload than its own as an undeclared effective edge, and a
// declared trust broken by a case slip. Seeding twice adds nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { trustMapEdges, trustMapOpenEdges, type TrustMap } from "@/lib/trust-map/build-trust-map";
import { loadTrustMap } from "@/lib/trust-map/load-trust-map";

let map: TrustMap;

const bindingNamed = (target: string, name: string) => {
  const targetId = [...map.targets.values()].find((row) => row.name === target)?.id;
  const binding = [...map.bindings.values()].find(
    (row) => row.targetId === targetId && row.name === name,
  );
  if (!binding) throw new Error(`no demo binding ${target}/${name}`);
  return binding;
};
const workloadName = (id: string) => map.workloads.get(id)?.name;

beforeAll(async () => {
  await seedDemo();
  expect(await seedDemo()).toEqual({ issuers: 0, workloads: 0, targets: 0, bindings: 0 });
  map = await loadTrustMap({ db: getDb() });
});

describe("the demo estate on the trust map", () => {
  it("holds a broad trust, drawn as an open edge, that reaches workloads it was not made for", () => {
    const broad = bindingNamed("aws-legacy-ci", "AnyGithubRepository");
    expect(trustMapOpenEdges(map).some((edge) => edge.bindingId === broad.id)).toBe(true);
    const reached = trustMapEdges(map)
      .filter((edge) => edge.bindingId === broad.id && edge.kind === "effective" && !edge.declared)
      .map((edge) => workloadName(edge.workloadId));
    expect(reached).toEqual(expect.arrayContaining(["payments-api · production", "web · main"]));
  });

  it("holds a pool-wide GCP grant, drawn as an open edge naming the pool", () => {
    const pool = bindingNamed("gcp-github", "everyone-in-pool");
    const open = trustMapOpenEdges(map).find((edge) => edge.bindingId === pool.id);
    expect(open?.admits).toMatch(/github-pool/);
  });

  it("holds a repository pattern made for one workload that admits a sibling", () => {
    const pattern = bindingNamed("aws-web-deployer", "PaymentsAnyRef");
    expect(workloadName(pattern.workloadId)).toBe("payments-api · production");
    const edge = trustMapEdges(map).find(
      (candidate) =>
        candidate.bindingId === pattern.id &&
        workloadName(candidate.workloadId) === "payments-api · staging",
    );
    expect(edge).toMatchObject({ kind: "effective", declared: false });
  });

  it("holds a declared trust broken by a case slip, refused with Entra's error", () => {
    const slip = bindingNamed("app-platform-deployer", "web-main");
    const edges = trustMapEdges(map).filter((edge) => edge.bindingId === slip.id);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ kind: "broken", declared: true, verdict: "refused" });
    expect(edges[0]?.cloudError?.message).toMatch(/case-insensitive comparison/);
  });
});
