import type { Finding } from "@/lib/catalog/findings";
import { cloudCatalog } from "@/lib/clouds/registry";
import {
  ruledFindings,
  type CatalogueBinding,
  type RawFinding,
  type RawFix,
  type RiskRuleSource,
} from "@/lib/risk/rule-source";

// The per-binding checks each cloud already runs for the binding page
// (`bindingFindings`), read for the warnings they tag with a rule id.

function fixFor(binding: CatalogueBinding, finding: Finding): RawFix | null {
  const catalog = cloudCatalog(binding.cloud);
  const fixed = catalog.narrowingFix?.(binding.context, finding, binding.hints);
  if (!fixed) return null;
  const context = { ...binding.context, spec: fixed.spec };
  // The form's fields are the spec; the cloud object is what the cloud would hold.
  const normalized = catalog.normalizeSpec?.(context).spec ?? fixed.spec;
  return {
    summary: fixed.summary,
    cloudObject: catalog.cloudObject({ ...context, spec: normalized }),
    prefill: fixed.spec,
  };
}

export function bindingFindingsOf(binding: CatalogueBinding): RawFinding[] {
  const findings = cloudCatalog(binding.cloud).bindingFindings(binding.context);
  return ruledFindings(findings).map((finding) => ({
    rule: finding.rule,
    entity: { type: "binding", id: binding.id, name: binding.name, cloud: binding.cloud },
    path: finding.path,
    message: finding.message,
    fix: fixFor(binding, finding),
  }));
}

export const bindingChecksSource: RiskRuleSource = {
  name: "binding checks",
  collect: (catalogue) => catalogue.bindings.flatMap(bindingFindingsOf),
};
