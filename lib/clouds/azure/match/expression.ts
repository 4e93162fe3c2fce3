import { subjectMismatchError } from "@/lib/clouds/azure/cloud-errors";
import type { AzureFederatedCredential, AzureFicHome } from "@/lib/clouds/azure/evaluator-binding";
import {
  documentedIssuer,
  expressionBreadth,
  parseFicExpression,
  type FicExpressionTerm,
} from "@/lib/clouds/azure/fic-expression";
import { differsOnlyInCase } from "@/lib/clouds/azure/match/hints";
import { githubSubjectHint } from "@/lib/federation/github-subject";
import { failed, passed, withHint, type RuledCheck } from "@/lib/clouds/azure/match/ruled-check";
import type { Check } from "@/lib/federation/types";
import {
  hasWildcard,
  matchesUnits,
  matchesWildcard,
  patternUnits,
  type PatternUnit,
} from "@/lib/federation/wildcard";

// Flexible federated identity credentials (CLOUDS.md 1.6): the expression
// replaces the subject comparison. `matches` is a wildcard match (`*` any run,
// `?` one character), `eq` exact, `and` joins terms; assumed case-sensitive
// like plain credentials [inferred]. Which AADSTS code a non-matching
// expression returns is unconfirmed: the subject's 700213 is used.

const source = "CLOUDS.md 1.6 (flexible FIC doc; 2025-01-31-preview spec)";

type TermResult = { term: FicExpressionTerm; actual: string | undefined; ok: boolean };

// A term's pattern read into units once (matchesWildcard reads it on every
// call): terms come from the parse memo, shared by the credentials and
// tokens that use the same expression.
const termUnits = new WeakMap<FicExpressionTerm, PatternUnit[]>();

function matchesTerm(term: FicExpressionTerm, actual: string): boolean {
  let units = termUnits.get(term);
  if (!units) {
    units = patternUnits(term.value);
    termUnits.set(term, units);
  }
  return matchesUnits(units, actual);
}

function evaluateTerm(term: FicExpressionTerm, claims: Record<string, unknown>): TermResult {
  const value = claims[term.claim];
  const actual = typeof value === "string" ? value : undefined;
  const ok =
    actual !== undefined &&
    (term.operator === "eq" ? actual === term.value : matchesTerm(term, actual));
  return { term, actual, ok };
}

function termHint(
  { term, actual }: TermResult,
  claims: Record<string, unknown>,
): string | undefined {
  if (actual === undefined) {
    return claims[term.claim] === undefined
      ? `The token has no '${term.claim}' claim, so the term is false.`
      : `The token's '${term.claim}' is not a string, so the term is false.`;
  }
  const folded =
    term.operator === "eq"
      ? actual.toLowerCase() === term.value.toLowerCase()
      : matchesWildcard(term.value.toLowerCase(), actual.toLowerCase());
  if (folded || differsOnlyInCase(term.value, actual)) {
    return "It would match if case were ignored; Entra is assumed to compare case-sensitively, as for plain credentials.";
  }
  if (term.operator === "eq" && hasWildcard(term.value) && matchesWildcard(term.value, actual)) {
    return "eq compares exactly, so '*' and '?' match only themselves; use matches for a pattern.";
  }
  if (term.claim !== "sub") return undefined;
  return githubSubjectHint(term.value, actual, { pattern: term.operator === "matches" });
}

function restriction(
  credential: AzureFederatedCredential,
  terms: FicExpressionTerm[],
  target: AzureFicHome | undefined,
): { message: string; hint?: string } | undefined {
  const documented = documentedIssuer(credential.issuer);
  if (!documented) {
    if (target === "userAssignedIdentity") {
      // The preview's only evidence for other issuers is its AKS example on
      // `sub`; claiming more would risk a false "accepted".
      const other = terms.find((term) => term.claim !== "sub");
      if (!other) return undefined;
      return {
        message: `only 'sub' is known to be allowed for issuers outside Entra's documented list (the ARM preview's own example); the term on '${other.claim}' is not.`,
        hint: "Match on sub, or use a plain credential with an exact subject.",
      };
    }
    return {
      message:
        "Entra documents flexible credentials only for GitHub Actions, GitLab and HCP Terraform issuers.",
      hint: "If this credential lives on a user-assigned managed identity, set target to userAssignedIdentity: the ARM preview accepts other issuers there (its own example uses an AKS issuer), which is unconfirmed.",
    };
  }
  const other = terms.find((term) => !documented.claims.includes(term.claim));
  if (!other) return undefined;
  return {
    message: `Entra allows only ${documented.claims.join(" and ")} in expressions for ${documented.label} tokens; the term on '${other.claim}' is not allowed.`,
  };
}

export function expressionCheck(
  credential: AzureFederatedCredential,
  claims: Record<string, unknown>,
  target: AzureFicHome | undefined,
): RuledCheck {
  const expression = credential.claimsMatchingExpression;
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  const refusal = subjectMismatchError(sub);
  const base = { check: "expression" as const, source, expected: expression?.value ?? "" };
  if (!expression)
    return failed({ ...base, message: "The credential has no expression." }, refusal);
  if (expression.languageVersion !== 1) {
    return failed(
      { ...base, message: "languageVersion must be 1, the only version Entra documents." },
      refusal,
    );
  }
  const parsed = parseFicExpression(expression.value);
  if (!parsed.ok) {
    return failed({ ...base, message: `The expression is not valid: ${parsed.message}.` }, refusal);
  }
  const refused = restriction(credential, parsed.terms, target);
  if (refused) {
    return failed(
      {
        ...base,
        message: `Credential '${credential.name}': ${refused.message}`,
        ...withHint(refused.hint),
      },
      refusal,
    );
  }
  const results = parsed.terms.map((term) => evaluateTerm(term, claims));
  const miss = results.find((result) => !result.ok);
  const preview =
    target === "userAssignedIdentity"
      ? " (flexible credentials on managed identities are an ARM preview; the docs say applications only)"
      : "";
  if (!miss) {
    const check: Omit<Check, "ok"> = {
      check: "expression",
      source,
      expected: expression.value,
      actual: results.map((result) => result.actual ?? "").join(" | "),
      message: `Credential '${credential.name}': every term of the expression holds${preview}.`,
    };
    if (target === "userAssignedIdentity") {
      check.unconfirmed =
        // CLOUDS.md 1.6, conflicting sources
        "Entra's docs say flexible credentials work on applications only; the ARM 2025-01-31-preview accepts them on managed identities.";
    }
    return passed(check);
  }
  return failed(
    {
      ...base,
      expected: miss.term.value,
      actual: miss.actual ?? "(missing)",
      message: `Credential '${credential.name}': claims['${miss.term.claim}'] ${miss.term.operator} '${miss.term.value}' is false${preview}.`,
      ...withHint(termHint(miss, claims)),
    },
    refusal,
  );
}

/** Why a matching flexible credential admits far more than one workload (CLOUDS.md 5.2, 5.6). */
export function broadExpressionReason(credential: AzureFederatedCredential): string | undefined {
  const expression = credential.claimsMatchingExpression;
  if (!expression) return undefined;
  const parsed = parseFicExpression(expression.value);
  if (!parsed.ok) return undefined;
  const breadth = expressionBreadth(parsed.terms);
  if (!breadth) return undefined;
  if (breadth.kind === "no-subject") {
    return `The expression of '${credential.name}' does not constrain sub, so any workload of this issuer whose other claims match is admitted (for GitHub, any repository calling the same reusable workflow).`;
  }
  return `The pattern '${breadth.value}' of '${credential.name}' ${breadth.reason}.`;
}
