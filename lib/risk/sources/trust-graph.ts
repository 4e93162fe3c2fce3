import { buildTrustMap, trustMapEdges, trustMapOpenEdges } from "@/lib/trust-map/build-trust-map";
import type { TrustEdge } from "@/lib/trust-map/trust-map-types";
import type { RawFinding, RiskRuleSource } from "@/lib/risk/rule-source";
import type { Cloud } from "@/lib/clouds/types";

// Findings that only the effective trust graph can tell (lib/trust-map): a
// trust that also admits catalogued workloads it was not made for, and a
// declared trust that admits nobody (its own workload's predicted token is
// refused, it admits no other catalogued workload and nothing beyond the
// catalogue). Undecided verdicts are never findings.

function listed(names: string[]): string {
  const shown = names.slice(0, 3).join(", ");
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

type BindingEdges = { effectiveOthers: TrustEdge[]; declaredBroken?: TrustEdge; reaches: boolean };

export const trustGraphSource: RiskRuleSource = {
  name: "effective trust graph",
  collect: (catalogue) => {
    const map = catalogue.trustMap ?? buildTrustMap(catalogue.trust, { at: catalogue.at });
    const judged = new Set(catalogue.trust.bindings.map((binding) => binding.id));
    const byBinding = new Map<string, BindingEdges>();
    const entry = (id: string) => {
      const found = byBinding.get(id) ?? { effectiveOthers: [], reaches: false };
      byBinding.set(id, found);
      return found;
    };
    for (const edge of trustMapEdges(map)) {
      const edges = entry(edge.bindingId);
      if (edge.kind !== "broken") edges.reaches = true;
      if (edge.kind === "effective" && !edge.declared) edges.effectiveOthers.push(edge);
      if (edge.kind === "broken" && edge.declared) edges.declaredBroken = edge;
    }
    for (const open of trustMapOpenEdges(map)) entry(open.bindingId).reaches = true;

    const findings: RawFinding[] = [];
    for (const [bindingId, edges] of byBinding) {
      const binding = map.bindings.get(bindingId);
      if (!binding || !judged.has(bindingId)) continue;
      const entity = {
        type: "binding" as const,
        id: binding.id,
        name: binding.name,
        cloud: binding.cloud as Cloud,
      };
      const own = map.workloads.get(binding.workloadId)?.name ?? "its workload";
      if (edges.effectiveOthers.length > 0) {
        const others = edges.effectiveOthers.map(
          (edge) => map.workloads.get(edge.workloadId)?.name ?? edge.workloadId,
        );
        findings.push({
          rule: "trust-admits-other-workloads",
          entity,
          path: "",
          message: `Made for ${own}, this trust also accepts the tokens of ${listed(others.sort())}.`,
          fix: null,
        });
      }
      if (edges.declaredBroken && !edges.reaches) {
        const { failingCheck, cloudError } = edges.declaredBroken;
        const why = (failingCheck?.message ?? "the cloud would refuse its token").replace(
          /\.$/,
          "",
        );
        findings.push({
          rule: "trust-admits-nobody",
          entity,
          path: "",
          message: `No catalogued workload gets in, not even ${own}: ${why}${cloudError ? ` (${cloudError.code})` : ""}.`,
          fix: null,
        });
      }
    }
    return findings;
  },
};
