import { describe, expect, it } from "vitest";
import { collapseView } from "@/lib/trust-map/graph-view-collapse";
import { bindingPaths, neighbourhood, parseFocus } from "@/lib/trust-map/graph-view-focus";
import type { GraphView, TGraphEdge, TGraphNode } from "@/lib/trust-map/graph-view-types";

const node = (kind: TGraphNode["kind"], id: string, detail = ""): TGraphNode => ({
  type: "node",
  id: `${kind}:${id}`,
  kind,
  label: id,
  detail,
  cloud: null,
  href: null,
});
const edge = (
  kind: TGraphEdge["kind"],
  source: string,
  target: string,
  bindingId: string | null = null,
): TGraphEdge => ({
  type: "edge",
  id: `${kind}:${source}>${target}`,
  source,
  target,
  kind,
  cloud: kind === "issues" ? null : "azure",
  bindingId,
  bindingName: bindingId,
  declared: true,
  syncState: null,
  reason: null,
  cloudErrorCode: null,
});

/** Two issuers with `perIssuer` workloads each, all reaching one of two targets. */
function estate(perIssuer: number): GraphView {
  const nodes = [
    node("issuer", "a"),
    node("issuer", "b"),
    node("target", "t1", "azure-uami"),
    node("target", "t2", "aws-role"),
  ];
  const edges: TGraphEdge[] = [];
  for (const issuer of ["a", "b"]) {
    for (let i = 0; i < perIssuer; i += 1) {
      const id = `${issuer}${i}`;
      nodes.push(node("workload", id));
      edges.push(edge("issues", `issuer:${issuer}`, `workload:${id}`));
      edges.push(
        edge(
          i % 2 ? "broken" : "effective",
          `workload:${id}`,
          `target:${i % 2 ? "t2" : "t1"}`,
          `b-${id}`,
        ),
      );
    }
  }
  return { nodes, edges };
}

describe("collapseView", () => {
  it("leaves a graph under the threshold as it is", () => {
    const view = estate(3);
    expect(collapseView(view, 100)).toEqual({ ...view, isCollapsed: false });
  });

  it("groups workloads per issuer and targets per kind, with counts, past the threshold", () => {
    const collapsed = collapseView(estate(10), 10);
    expect(collapsed.isCollapsed).toBe(true);
    expect(collapsed.nodes.map((item) => item.label).sort()).toEqual([
      "Targets: aws-role (1)",
      "Targets: azure-uami (1)",
      "Workloads of a (10)",
      "Workloads of b (10)",
      "a",
      "b",
    ]);
    const merged = collapsed.edges.filter((item) => item.kind === "broken");
    expect(merged.map((item) => item.bindingName)).toEqual(["5 trusts", "5 trusts"]);
  });
});

describe("focus", () => {
  it("keeps the nodes within n steps of the start", () => {
    const view = estate(2);
    expect(
      neighbourhood(view, "workload:a0", 1)
        .nodes.map((item) => item.id)
        .sort(),
    ).toEqual(["issuer:a", "target:t1", "workload:a0"]);
    expect(neighbourhood(view, "workload:a0", 2).nodes.map((item) => item.id)).toContain(
      "workload:b0",
    );
  });

  it("keeps a diagnosis's bindings, their ends and the workloads' issuers", () => {
    const paths = bindingPaths(estate(2), new Set(["b-b1"]));
    expect(paths.nodes.map((item) => item.id).sort()).toEqual([
      "issuer:b",
      "target:t2",
      "workload:b1",
    ]);
  });

  it("reads only binding ids from a focus parameter", () => {
    const id = "0b3c7a52-5d43-4f0a-9c56-8f4b1f7f9a10";
    expect([...parseFocus(`binding:${id},workload:${id},binding:nope`)]).toEqual([id]);
    expect(parseFocus(undefined).size).toBe(0);
  });
});
