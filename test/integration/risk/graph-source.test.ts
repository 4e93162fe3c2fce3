import { beforeAll, expect, it } from "vitest";
import { seedDemo } from "@/lib/db/seed-demo";
import { collectFindings } from "@/lib/risk/collect-findings";
import type { RiskRuleSource } from "@/lib/risk/rule-source";
import { riskRuleSources } from "@/lib/risk/rule-sources";

// The effective trust graph plugs in as one more rule source: this stand-in
// reports every binding of one target as admitting nobody, and the register
// lists those findings beside the per-binding checks' with the rule's severity.

beforeAll(async () => {
  await seedDemo();
});

it("lists a plugged-in source's findings with the rule's severity and source", async () => {
  const graph: RiskRuleSource = {
    name: "trust graph (stand-in)",
    collect: (catalogue) =>
      catalogue.bindings
        .filter((binding) => binding.context.target.name === "uami-aks-wkldid")
        .map((binding) => ({
          rule: "trust-admits-nobody",
          entity: { type: "binding", id: binding.id, name: binding.name, cloud: binding.cloud },
          path: "",
          message: "No catalogued workload's token would be accepted.",
          fix: null,
        })),
  };
  const without = await collectFindings();
  const withGraph = await collectFindings({ sources: [...riskRuleSources, graph] });
  // The real trust graph already reports the demo's case slip; the stand-in's are the new ones.
  const before = new Set(without.map((finding) => finding.id));
  const added = withGraph.filter(
    (finding) => finding.rule === "trust-admits-nobody" && !before.has(finding.id),
  );
  expect(added.length).toBe(2);
  expect(added.every((finding) => finding.severity === "medium" && finding.cloud === "azure")).toBe(
    true,
  );
  expect(withGraph.length).toBe(without.length + added.length);
});
