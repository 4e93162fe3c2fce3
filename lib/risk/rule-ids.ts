// The stable ids of the risk register's rules (issue 15 item 5). They are
// pure data so the per-binding checks in lib/clouds can tag the findings they
// already report; severity, wording and sources live in lib/risk/rules.ts.

export const riskRuleIds = [
  "aws-trust-no-sub",
  "aws-sub-any-owner",
  "aws-sub-owner-wide",
  "aws-sub-any-context",
  "aws-stringlike-no-wildcard",
  "aws-forallvalues-single-valued",
  "aws-action-wildcard",
  "gcp-provider-no-condition",
  "gcp-pool-wide-grant",
  "azure-fic-pull-request",
  "azure-fic-branch",
  "azure-flexible-broad",
  "azure-flexible-any-context",
  "azure-fic-capacity",
  "tfc-run-phase-wildcard",
  "github-mutable-subject",
  "issuer-keys-unavailable",
  // Graph-derived (lib/trust-map): reported by a plugged-in rule source.
  "trust-admits-other-workloads",
  "trust-admits-nobody",
] as const;
export type RiskRuleId = (typeof riskRuleIds)[number];

export function isRiskRuleId(value: string): value is RiskRuleId {
  return (riskRuleIds as readonly string[]).includes(value);
}
