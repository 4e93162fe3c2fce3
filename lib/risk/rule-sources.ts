import type { RiskRuleSource } from "@/lib/risk/rule-source";
import { bindingChecksSource } from "@/lib/risk/sources/binding-checks";
import { issuerKeysSource } from "@/lib/risk/sources/issuer-keys";
import { targetChecksSource } from "@/lib/risk/sources/target-checks";

// Every source the register runs. The effective trust graph (lib/trust-map)
// adds one here for "trust-admits-other-workloads" and "trust-admits-nobody".

export const riskRuleSources: RiskRuleSource[] = [
  bindingChecksSource,
  targetChecksSource,
  issuerKeysSource,
];
