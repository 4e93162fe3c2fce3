import {
  evaluateCondition,
  type ConditionContext,
  type ConditionResult,
} from "@/lib/clouds/aws/match/conditions";
import { describeConditions } from "@/lib/clouds/aws/match/condition-hints";
import { boundedMemo } from "@/lib/bounded-memo";
import { matchesWildcard } from "@/lib/federation/wildcard";
import { isRecord } from "@/lib/json/is-record";

// Whether each statement of the trust policy applies to this request
// (CLOUDS.md 2.3 step 5, 2.6): its Principal must name the provider STS found
// (Principal.Federated, a string or a list; "*" and { "AWS": "*" } name
// everyone, IAM JSON policy elements: Principal, "All principals"), its Action
// must cover the action asked for (case-insensitive, wildcards; NotAction
// inverts), and every condition must hold. IAM refuses NotPrincipal in a role
// trust policy, so policy-document.ts keeps it from reaching here.

export type StatementOutcome = {
  index: number;
  /** `Sid "X"`, or `Statement[i]` for one without a Sid. */
  label: string;
  effect: "Allow" | "Deny";
  principal: { ok: boolean; names: string[] };
  action: { ok: boolean; names: string[] };
  conditions: ConditionResult[];
  /** Known to apply: right principal and action, every condition true. */
  applies: boolean;
  /** Conditions no condition refutes but whose keys STS takes from the request: the statement may or may not apply. */
  undecided: ConditionResult[];
  /** What the statement is read as, kept across tokens (statementSummary). */
  head: StatementHead;
};

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

type Element = { ok: boolean; names: string[] };

/** A statement's parts other than its Condition, read once: a prepared binding meets many tokens. */
type StatementHead = {
  /** The statement read: a head answers only for that object, as it was read. */
  statement: Record<string, unknown>;
  effect: "Allow" | "Deny" | null;
  /** `Sid "X"`, or `Statement[i]` for one without a Sid. */
  label: string;
  /** Its conditions in words, once asked (statementSummary), and the Condition they describe. */
  summary?: string;
  summarised?: unknown;
  /** Principal and Action for each principal id and action asked about so far (a few); read-only. */
  principals: Answer[];
  actions: Answer[];
};

type Answer = { asked: string; element: Element };

function answerTo(answers: Answer[], asked: string): Element | undefined {
  for (const answer of answers) if (answer.asked === asked) return answer.element;
  return undefined;
}

/**
 * A policy's statements and what has been read of each, by index: a
 * prepared binding keeps one for the tokens it judges.
 */
export type ReadPolicy = { statements: unknown[]; heads: (StatementHead | undefined)[] };

export function readPolicy(statements: unknown[]): ReadPolicy {
  return { statements, heads: [] };
}

function readHead(statement: Record<string, unknown>, index: number): StatementHead {
  const effect = statement.Effect;
  const sid = typeof statement.Sid === "string" && statement.Sid ? statement.Sid : undefined;
  return {
    statement,
    effect: effect === "Allow" || effect === "Deny" ? effect : null,
    label: sid ? `Sid "${sid}"` : `Statement[${index}]`,
    principals: [],
    actions: [],
  };
}

function principalOf(statement: Record<string, unknown>, principalId: string): Element {
  const element = statement.Principal;
  const names = element === "*" ? ["*"] : isRecord(element) ? strings(element.Federated) : [];
  const everyone = element === "*" || (isRecord(element) && strings(element.AWS).includes("*"));
  return { ok: everyone || names.includes(principalId), names: everyone ? ["*"] : names };
}

// Every binding's statement names the same few actions, read anew for
// each trust map built: the answers are remembered by action and name. The
// wanted action is one of STS's, without a line break, so the key is exact.
// Real action names are short ("sts:AssumeRoleWithWebIdentity"); a long one
// is matched but not remembered.
const rememberedNames = boundedMemo<boolean>(1000, { maxKeyLength: 256 });

/** IAM action names are case-insensitive and take * and ?. */
function namesAction(name: string, wanted: string): boolean {
  // A name is a pattern that matches itself.
  if (name === wanted) return true;
  return rememberedNames(`${wanted}\n${name}`, () =>
    matchesWildcard(name.toLowerCase(), wanted.toLowerCase()),
  );
}

function actionOf(statement: Record<string, unknown>, wanted: string): Element {
  const inverted = statement.Action === undefined && statement.NotAction !== undefined;
  const names = strings(inverted ? statement.NotAction : statement.Action);
  const named = names.some((name) => namesAction(name, wanted));
  return { ok: inverted ? !named : named, names };
}

/** Each statement's verdict on `action` for the provider `principalId` and the request `context`. */
export function evaluateStatements(
  { statements, heads }: ReadPolicy,
  principalId: string,
  action: string,
  context: ConditionContext,
): StatementOutcome[] {
  const outcomes: StatementOutcome[] = [];
  for (let index = 0; index < statements.length; index += 1) {
    const statement = statements[index];
    if (!isRecord(statement)) continue;
    let head = heads[index];
    if (head?.statement !== statement) {
      head = readHead(statement, index);
      heads[index] = head;
    }
    const effect = head.effect;
    // IAM evaluates only Allow and Deny statements (policy-document.ts refuses others).
    if (!effect) continue;
    let principal = answerTo(head.principals, principalId);
    if (!principal) {
      principal = principalOf(statement, principalId);
      head.principals.push({ asked: principalId, element: principal });
    }
    let actionMatch = answerTo(head.actions, action);
    if (!actionMatch) {
      actionMatch = actionOf(statement, action);
      head.actions.push({ asked: action, element: actionMatch });
    }
    const condition = statement.Condition;
    // Conditions are read per Condition object (compiled-condition.ts), and so described.
    if (head.summarised !== condition) {
      head.summary = undefined;
      head.summarised = condition;
    }
    const conditions = evaluateCondition(condition, context);
    let refuted = false;
    for (const result of conditions) {
      if (!result.ok && !result.undecided) refuted = true;
    }
    const open = principal.ok && actionMatch.ok && !refuted;
    const undecided: ConditionResult[] = [];
    if (open) {
      for (const result of conditions) if (result.undecided) undecided.push(result);
    }
    outcomes.push({
      index,
      label: head.label,
      effect,
      principal,
      action: actionMatch,
      conditions,
      applies: open && undecided.length === 0,
      undecided,
      head,
    });
  }
  return outcomes;
}

/**
 * The statement's conditions in words (describeCondition). They are read
 * from the statement's Condition, the same for every token (conditions.ts).
 */
export function statementSummary(outcome: StatementOutcome): string {
  const { head, conditions } = outcome;
  head.summary ??= conditions.length ? describeConditions(conditions, "; ") : "no condition";
  return head.summary;
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
