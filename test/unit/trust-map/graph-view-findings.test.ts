import { describe, expect, it } from "vitest";
import { buildTrustMap } from "@/lib/trust-map/build-trust-map";
import { buildGraphView } from "@/lib/trust-map/graph-view";
import type { TGraphFilters, TMapFindings } from "@/lib/trust-map/graph-view-types";
import { findingsKey, indexMapFindings } from "@/lib/trust-map/map-findings";
import type { TRiskFinding } from "@/lib/schemas/risk";
import { catalogue, ficBinding, github, githubWorkload, role, uami } from "./catalogue";

const web = githubWorkload("w-web", "web");
const api = githubWorkload("w-api", "api");
const map = buildTrustMap(
  catalogue({
    workloads: [web, api],
    bindings: [ficBinding("b-web", web, web.subject), ficBinding("b-api", api, api.subject)],
  }),
  { at: new Date("2026-01-01T00:00:00Z") },
);

function finding(
  type: "binding" | "target" | "issuer",
  id: string,
  severity: TMapFindings["worst"],
  accepted = false,
): TRiskFinding {
  return {
    id: `${type}${id}${severity}`.padEnd(32, "0"),
    rule: "aws-trust-no-sub",
    severity,
    title: `${severity} finding on ${id}`,
    cloud: null,
    entity: { type, id, name: id, href: `/${type}s/${id}` },
    field: null,
    why: "",
    source: { title: "", url: "https://example.test" },
    fix: null,
    acceptance: accepted
      ? {
          reason: "known",
          expiresAt: "2099-01-01T00:00:00Z",
          acceptedBy: "someone",
          acceptedAt: "2026-01-01T00:00:00Z",
          active: true,
        }
      : null,
  } as TRiskFinding;
}

const findings = indexMapFindings([
  finding("binding", "b-web", "medium"),
  finding("binding", "b-web", "high"),
  finding("binding", "b-api", "critical", true),
  finding("binding", "b-api", "low"),
  finding("target", role.id, "critical"),
  finding("issuer", github.id, "medium"),
]);

const view = (filters?: TGraphFilters) =>
  buildGraphView({ map, syncStates: new Map(), findings, filters });
const trustBindings = (filters?: TGraphFilters) =>
  view(filters)
    .edges.filter((edge) => edge.bindingId)
    .map((edge) => edge.bindingId);
const nodeIds = (filters?: TGraphFilters) => view(filters).nodes.map((node) => node.id);

describe("the graph view's findings", () => {
  it("counts open findings only, with the worst and the most severe listed first", () => {
    expect(findings.get(findingsKey("binding", "b-web"))).toMatchObject({
      count: 2,
      worst: "high",
      items: [{ severity: "high" }, { severity: "medium" }],
    });
    expect(findings.get(findingsKey("binding", "b-api"))).toMatchObject({ count: 1, worst: "low" });
  });

  it("puts a binding's findings on its edges and on its target's and workload's nodes", () => {
    const { nodes, edges } = view();
    expect(edges.find((edge) => edge.bindingId === "b-web")?.findings?.worst).toBe("high");
    expect(nodes.find((node) => node.id === `target:${role.id}`)?.findings?.count).toBe(1);
    expect(nodes.find((node) => node.id === `issuer:${github.id}`)?.findings?.worst).toBe("medium");
    // A target's node also counts its bindings', a workload's the bindings made for it.
    expect(nodes.find((node) => node.id === `target:${uami.id}`)?.findings).toMatchObject({
      count: 3,
      worst: "high",
    });
    expect(nodes.find((node) => node.id === `workload:${api.id}`)?.findings?.count).toBe(1);
  });

  it.each([
    ["low", ["b-api", "b-web"]],
    ["medium", ["b-web"]],
    ["high", ["b-web"]],
    ["critical", []],
  ] as const)("keeps the trusts with a finding at least %s", (severity, bindings) => {
    expect(trustBindings({ severity }).sort()).toEqual([...bindings]);
  });

  it("keeps an issuer or target with a severe enough finding of its own, without trusts", () => {
    expect(nodeIds({ severity: "critical" })).toEqual([`target:${role.id}`]);
    expect(nodeIds({ severity: "critical", cloud: "azure" })).toEqual([]);
    expect(nodeIds({ severity: "medium" })).toEqual(
      expect.arrayContaining([`issuer:${github.id}`, `target:${role.id}`, `workload:${web.id}`]),
    );
  });

  it("shows no findings and keeps nothing for a severity when none were given", () => {
    const bare = buildGraphView({ map, syncStates: new Map(), filters: { severity: "low" } });
    expect(bare.edges).toEqual([]);
  });
});
