import type { RiskRuleSource } from "@/lib/risk/rule-source";
import { bindingChecksSource } from "@/lib/risk/sources/binding-checks";
import { issuerKeysSource } from "@/lib/risk/sources/issuer-keys";
import { targetChecksSource } from "@/lib/risk/sources/target-checks";
import { trustGraphSource } from "@/lib/risk/sources/trust-graph";

// Every source the register runs: the per-binding and per-target checks,
// the issuers' key health, and the effective trust graph (lib/trust-map).

export const riskRuleSources: RiskRuleSource[] = [
  bindingChecksSource,
  targetChecksSource,
  issuerKeysSource,
  trustGraphSource,
];
