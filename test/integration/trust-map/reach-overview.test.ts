// The overview's summary of the trust graph, on an empty catalogue and on
// the demo estate seeded through the console's use-cases.
import { describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/db/seed-demo";
import { getTrustOverview } from "@/lib/trust-map/reach-load";

describe("the overview's trust summary", () => {
  it("counts nothing on an empty catalogue", async () => {
    const overview = await getTrustOverview();
    expect(overview).toEqual({
      issuers: 0,
      workloads: 0,
      perCloud: {
        azure: { targets: 0, bindings: 0 },
        aws: { targets: 0, bindings: 0 },
        gcp: { targets: 0, bindings: 0 },
      },
      edges: { declared: 0, beyondDeclared: 0, broken: 0, undecided: 0, open: 0 },
      attention: [],
      attentionTotal: 0,
    });
  });

  it("counts the demo estate per cloud and lists its case slip first among the broken trusts", async () => {
    await seedDemo();
    const overview = await getTrustOverview();
    expect(overview).toMatchObject({
      issuers: 6,
      workloads: 15,
      perCloud: {
        azure: { targets: 3, bindings: 13 },
        aws: { targets: 4, bindings: 8 },
        gcp: { targets: 3, bindings: 8 },
      },
    });
    expect(overview.edges.declared).toBeGreaterThan(20);
    expect(overview.edges.beyondDeclared).toBeGreaterThan(0);
    expect(overview.edges.open).toBeGreaterThanOrEqual(3);
    expect(overview.edges.broken).toBeGreaterThanOrEqual(1);
    expect(overview.attention[0]).toMatchObject({ kind: "broken" });
    expect(overview.attention.map((entry) => entry.binding.name)).toContain("web-main");
    expect(overview.attentionTotal).toBe(overview.edges.broken + overview.edges.undecided);
  });
});
