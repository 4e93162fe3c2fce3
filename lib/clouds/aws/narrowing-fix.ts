import type { Finding } from "@/lib/catalog/findings";
import { toImmutableSubject } from "@/lib/catalog/subjects/mutable-github-subject";
import { awsProvider } from "@/lib/clouds/aws/binding-findings";
import type { TAwsBindingSpec, TAwsBuilder } from "@/lib/clouds/aws/binding-spec";
import type { IamCondition, IamStatement } from "@/lib/clouds/aws/trust-statement";
import type { BindingContext } from "@/lib/clouds/types";
import { isRecord } from "@/lib/json/is-record";

// The narrowest edit that clears a risk finding on a trust statement, as the
// spec the edit form takes: the builder's fields when the binding uses the
// builder, the statement JSON otherwise. Null when no edit follows from the
// catalogue alone (the operator has to decide).

type Context = BindingContext<TAwsBindingSpec>;
type Fix = { spec: TAwsBindingSpec; summary: string };

const subjectRules = new Set([
  "aws-trust-no-sub",
  "aws-sub-any-owner",
  "aws-sub-owner-wide",
  "aws-sub-any-context",
  "tfc-run-phase-wildcard",
]);

/** `spec.statement.Condition.<operator>.<key>` → operator and key (keys hold dots, operators do not). */
function conditionAt(path: string): { operator: string; key: string } | null {
  const match = /^spec\.statement\.Condition\.([^.]+)\.(.+)$/.exec(path);
  return match ? { operator: match[1] ?? "", key: match[2] ?? "" } : null;
}

function withCondition(
  spec: TAwsBindingSpec,
  edit: (condition: IamCondition) => void,
): TAwsBindingSpec {
  const statement = structuredClone(spec.statement) as IamStatement;
  const condition: IamCondition = isRecord(statement.Condition) ? statement.Condition : {};
  edit(condition);
  for (const [operator, block] of Object.entries(condition)) {
    if (Object.keys(block).length === 0) delete condition[operator];
  }
  statement.Condition = condition;
  return { ...spec, mode: "raw", builder: undefined, statement };
}

/** Moves `key` from `from` to `to`, keeping its values. */
function moveKey(condition: IamCondition, from: string, to: string, key: string) {
  const values = condition[from]?.[key];
  if (values === undefined) return;
  delete condition[from]?.[key];
  condition[to] = { ...condition[to], [key]: values };
}

function pinSubject(context: Context): Fix {
  const { spec, workload } = context;
  const summary = `Trust only ${workload.name}'s subject, ${workload.subject}, with StringEquals.`;
  if (spec.mode === "builder" && spec.builder) {
    const builder: TAwsBuilder = {
      ...spec.builder,
      subjectOperator: "StringEquals",
      subjects: [workload.subject],
      extraConditions: spec.builder.extraConditions.filter((extra) => extra.claim !== "sub"),
    };
    return { spec: { ...spec, builder }, summary };
  }
  const subKey = `${awsProvider(context).providerKey}:sub`;
  const fixed = withCondition(spec, (condition) => {
    for (const block of Object.values(condition)) {
      for (const key of Object.keys(block))
        if (key.toLowerCase() === subKey.toLowerCase()) delete block[key];
    }
    condition.StringEquals = { ...condition.StringEquals, [subKey]: workload.subject };
  });
  return { spec: fixed, summary };
}

function renameOperator(
  context: Context,
  path: string,
  to: (operator: string) => string,
  summary: string,
): Fix | null {
  const { spec } = context;
  const at = conditionAt(path);
  if (!at) return null;
  const target = to(at.operator);
  if (spec.mode === "builder" && spec.builder) {
    const { providerKey } = awsProvider(context);
    const claim = at.key.startsWith(`${providerKey}:`)
      ? at.key.slice(providerKey.length + 1)
      : at.key;
    if (
      claim === "sub" &&
      at.operator === spec.builder.subjectOperator &&
      target === "StringEquals"
    ) {
      return {
        spec: { ...spec, builder: { ...spec.builder, subjectOperator: "StringEquals" } },
        summary,
      };
    }
    const extraConditions = spec.builder.extraConditions.map((extra) =>
      extra.operator === at.operator && extra.claim === claim
        ? { ...extra, operator: target }
        : extra,
    );
    return { spec: { ...spec, builder: { ...spec.builder, extraConditions } }, summary };
  }
  return {
    spec: withCondition(spec, (condition) => moveKey(condition, at.operator, target, at.key)),
    summary,
  };
}

function trustImmutableSubjects(context: Context): Fix | null {
  const { spec, workload } = context;
  const swap = (value: string) => toImmutableSubject(value, workload.subjectSpec) ?? value;
  const summary = "Trust the repository by its immutable ids instead of its name.";
  if (spec.mode === "builder" && spec.builder) {
    return {
      spec: { ...spec, builder: { ...spec.builder, subjects: spec.builder.subjects.map(swap) } },
      summary,
    };
  }
  const subKey = `${awsProvider(context).providerKey}:sub`.toLowerCase();
  const fixed = withCondition(spec, (condition) => {
    for (const block of Object.values(condition)) {
      for (const [key, values] of Object.entries(block)) {
        if (key.toLowerCase() !== subKey) continue;
        block[key] = Array.isArray(values) ? values.map(swap) : swap(values);
      }
    }
  });
  return { spec: fixed, summary };
}

export function awsNarrowingFix(context: Context, finding: Finding): Fix | null {
  if (!finding.rule) return null;
  if (subjectRules.has(finding.rule)) return pinSubject(context);
  switch (finding.rule) {
    case "aws-stringlike-no-wildcard":
      return renameOperator(
        context,
        finding.path,
        (operator) => operator.replace("Like", "Equals"),
        "Compare exactly with StringEquals, which is what the condition already does.",
      );
    case "aws-forallvalues-single-valued":
      return renameOperator(
        context,
        finding.path,
        (operator) => operator.replace(/^ForAllValues:/, ""),
        "Drop ForAllValues:, so a token without the claim no longer passes.",
      );
    case "github-mutable-subject":
      return trustImmutableSubjects(context);
    default:
      return null;
  }
}
