import { evaluateCondition, type ConditionResult } from "@/lib/clouds/aws/match/conditions";
import { assumeRoleWithWebIdentity } from "@/lib/clouds/aws/trust-statement";
import { matchesWildcard } from "@/lib/federation/wildcard";

// Whether each statement of the trust policy applies to this request
// (CLOUDS.md 2.3 step 5, 2.6): its Principal must name the provider STS found
// (Principal.Federated, a string or a list; "*" names everyone), its Action
// must cover sts:AssumeRoleWithWebIdentity (case-insensitive, wildcards), and
// every condition must hold. NotPrincipal/NotAction invert the test.

export type StatementOutcome = {
  index: number;
  /** `Sid "X"`, or `Statement[i]` for one without a Sid. */
  label: string;
  effect: "Allow" | "Deny";
  principal: { ok: boolean; names: string[] };
  action: { ok: boolean; names: string[] };
  conditions: ConditionResult[];
  applies: boolean;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function principalOf(statement: Record<string, unknown>, principalId: string) {
  const inverted = statement.Principal === undefined && statement.NotPrincipal !== undefined;
  const element = inverted ? statement.NotPrincipal : statement.Principal;
  const names = element === "*" ? ["*"] : isRecord(element) ? strings(element.Federated) : [];
  const named = element === "*" || names.includes(principalId);
  return { ok: inverted ? !named : named, names };
}

function actionOf(statement: Record<string, unknown>) {
  const inverted = statement.Action === undefined && statement.NotAction !== undefined;
  const names = strings(inverted ? statement.NotAction : statement.Action);
  const wanted = assumeRoleWithWebIdentity.toLowerCase();
  // IAM action names are case-insensitive and take * and ?.
  const named = names.some((name) => matchesWildcard(name.toLowerCase(), wanted));
  return { ok: inverted ? !named : named, names };
}

export function evaluateStatements(
  statements: unknown[],
  principalId: string,
  providerKey: string,
  claims: Record<string, unknown>,
  at: Date,
): StatementOutcome[] {
  return statements.flatMap((statement, index) => {
    if (!isRecord(statement)) return [];
    const effect = statement.Effect;
    if (effect !== "Allow" && effect !== "Deny") return [];
    const sid = typeof statement.Sid === "string" && statement.Sid ? statement.Sid : undefined;
    const principal = principalOf(statement, principalId);
    const action = actionOf(statement);
    const conditions = evaluateCondition(statement.Condition, providerKey, claims, at);
    return [
      {
        index,
        label: sid ? `Sid "${sid}"` : `Statement[${index}]`,
        effect,
        principal,
        action,
        conditions,
        applies: principal.ok && action.ok && conditions.every((result) => result.ok),
      },
    ];
  });
}

/** The Allow statement closest to applying: right principal, then right action, then fewest failing conditions. */
export function nearestAllow(outcomes: StatementOutcome[]): StatementOutcome | undefined {
  const score = (outcome: StatementOutcome) =>
    (outcome.principal.ok ? 0 : 1000) +
    (outcome.action.ok ? 0 : 500) +
    outcome.conditions.filter((result) => !result.ok).length;
  let best: StatementOutcome | undefined;
  for (const outcome of outcomes) {
    if (outcome.effect !== "Allow") continue;
    if (!best || score(outcome) < score(best)) best = outcome;
  }
  return best;
}
