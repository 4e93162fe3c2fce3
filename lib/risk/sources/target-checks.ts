import { targetKindInfo } from "@/lib/clouds/registry";
import { ruledFindings, type RawFinding, type RiskRuleSource } from "@/lib/risk/rule-source";

// The checks a cloud runs when a target's own settings are saved
// (`TargetKindInfo.findings`), e.g. a GCP provider with no attribute condition.

export const targetChecksSource: RiskRuleSource = {
  name: "target checks",
  collect: (catalogue) =>
    catalogue.targets.flatMap((target): RawFinding[] => {
      const info = targetKindInfo(target.kind);
      const parsed = info.configSchema.safeParse(target.config);
      if (!parsed.success) return [];
      return ruledFindings(info.findings(parsed.data)).map((finding) => {
        const fixed = info.narrowingFix?.(parsed.data, finding, { owners: target.boundOwners });
        return {
          rule: finding.rule,
          entity: { type: "target", id: target.id, name: target.name, cloud: target.cloud },
          path: finding.path ? `config.${finding.path}` : "config",
          message: finding.message,
          fix: fixed
            ? { summary: fixed.summary, cloudObject: fixed.config, prefill: fixed.config }
            : null,
        };
      });
    }),
};
