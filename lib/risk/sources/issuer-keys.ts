import type { RawFinding, RiskRuleSource } from "@/lib/risk/rule-source";

// The key cache's last result per issuer (lib/tokens/key-source.ts writes it,
// the issuer page shows it): an issuer whose keys could not be fetched leaves
// every token of it unverifiable.

export const issuerKeysSource: RiskRuleSource = {
  name: "issuer keys",
  collect: (catalogue) =>
    catalogue.issuers.flatMap((issuer): RawFinding[] => {
      const keys = issuer.keys;
      if (!keys || (keys.ok && keys.keyCount > 0)) return [];
      const what = keys.lastError ? `: ${keys.lastError}` : "";
      return [
        {
          rule: "issuer-keys-unavailable",
          entity: { type: "issuer", id: issuer.id, name: issuer.name, cloud: null },
          path: "",
          message: keys.ok
            ? `The issuer published no usable signing keys when last checked, so no token of ${issuer.name} can be verified.`
            : `Fedlens could not fetch ${issuer.name}'s signing keys when it last tried${what}; tokens cannot be verified until the keys are reachable.`,
          fix: null,
        },
      ];
    }),
};
