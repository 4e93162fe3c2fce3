// What validators of cloud objects report. `path` names the field as the
// form and the API call it (dotted for nested fields), so an error lands
// under its control and in problem+json invalid_params. `rule` tags a warning
// the risk register lists (lib/risk), so the register reuses these checks
// instead of repeating them.

import type { RiskRuleId } from "@/lib/risk/rule-ids";

export type Finding = { path: string; message: string; rule?: RiskRuleId };
export type Findings = { errors: Finding[]; warnings: Finding[] };

export const noFindings = (): Findings => ({ errors: [], warnings: [] });

export function mergeFindings(...all: Findings[]): Findings {
  return {
    errors: all.flatMap((findings) => findings.errors),
    warnings: all.flatMap((findings) => findings.warnings),
  };
}

/** Prefixes every path, e.g. a statement's findings under `statement.`. */
export function prefixFindings(prefix: string, findings: Findings): Findings {
  const withPrefix = (finding: Finding) => ({
    ...finding,
    path: finding.path ? `${prefix}.${finding.path}` : prefix,
  });
  return { errors: findings.errors.map(withPrefix), warnings: findings.warnings.map(withPrefix) };
}
