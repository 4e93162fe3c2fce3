import {
  nextRowKey,
  type BuilderState,
  type RowPart,
} from "@/components/bindings/aws-builder-state";
import { stringList, textOf } from "@/components/bindings/cloud-fields";
import type { PathTest } from "@/components/bindings/form-errors";
import type { BindingParties } from "@/components/bindings/types";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";

// The AWS form's starting state and where each finding on the statement is
// shown, kept apart from the component so it stays readable.

export type Mode = "builder" | "raw";
export type Provider = TAwsRoleConfig["oidcProviders"][number];

// CLOUDS.md 2.3: the audience AWS documents for its own SDKs and actions.
const stsAudience = "sts.amazonaws.com";

export function defaultAudience(provider: Provider | undefined): string {
  const clientIds = provider?.clientIds ?? [];
  return clientIds.includes(stsAudience) ? stsAudience : (clientIds[0] ?? stsAudience);
}

export function initialBuilder(
  stored: Record<string, unknown> | undefined,
  parties: BindingParties,
  provider: Provider | undefined,
): BuilderState {
  const saved = stored?.builder as Record<string, unknown> | undefined;
  if (!saved) {
    return {
      audiences: defaultAudience(provider),
      subjectOperator: "StringEquals",
      subjects: parties.workload.subject,
      conditions: [],
    };
  }
  const conditions = Array.isArray(saved.extraConditions) ? saved.extraConditions : [];
  return {
    audiences: stringList(saved.audiences).join("\n"),
    subjectOperator: saved.subjectOperator === "StringLike" ? "StringLike" : "StringEquals",
    subjects: stringList(saved.subjects).join("\n"),
    conditions: conditions.map((condition: Record<string, unknown>) => ({
      key: nextRowKey(),
      operator: textOf(condition.operator) ?? "StringEquals",
      claim: textOf(condition.claim) ?? "",
      values: stringList(condition.values).join("\n"),
    })),
  };
}

// IAM's own element order; the database keeps keys in an order of its own.
const elementOrder = ["Sid", "Effect", "Principal", "Action", "Condition"];

export function storedRaw(stored: Record<string, unknown> | undefined): string {
  if (stored?.mode !== "raw") return "";
  const statement = stored.statement;
  if (typeof statement === "string") return statement;
  if (typeof statement !== "object" || statement === null) return "";
  const rank = (key: string) => (elementOrder.indexOf(key) + 6) % 6;
  const ordered = Object.fromEntries(
    Object.entries(statement).sort(([a], [b]) => rank(a) - rank(b)),
  );
  return JSON.stringify(ordered, null, 2);
}

/**
 * Which paths each control claims. In builder mode, findings on the built
 * statement (`spec.statement.Condition.<operator>.<key>`) go to the control
 * that produced the key; in raw mode every statement finding goes under the
 * JSON.
 */
export function awsErrorTests(mode: Mode, builder: BuilderState, providerKey: string) {
  const keyOf = (claim: string) => (/^(aws|sts):/i.test(claim) ? claim : `${providerKey}:${claim}`);
  const conditionPath = (path: string) =>
    mode === "builder" && path.startsWith("spec.statement.Condition.");
  const endsWith = (suffix: string) => (path: string) =>
    conditionPath(path) && path.toLowerCase().endsWith(suffix);
  const rowKeys = builder.conditions.map(
    (row) => `spec.statement.Condition.${row.operator}.${keyOf(row.claim.trim())}`,
  );
  const rowTests = rowKeys.map((key, index): Record<RowPart, PathTest[]> => {
    const row = `spec.builder.extraConditions.${index}`;
    return {
      operator: [`${row}.operator`],
      claim: [`${row}.claim`, (path) => conditionPath(path) && path === key],
      values: [`${row}.values`, (path) => path === row],
    };
  });
  const areaTests: Record<"audiences" | "subjects" | "conditions", PathTest[]> = {
    audiences: ["spec.builder.audiences", endsWith(":aud")],
    subjects: ["spec.builder.subjects", "spec.builder.subjectOperator", endsWith(":sub")],
    conditions: [
      (path) => path === "spec.builder.extraConditions",
      (path) => conditionPath(path) && !/:(aud|sub)$/i.test(path) && !rowKeys.includes(path),
    ],
  };
  const rawTests: PathTest[] = [(path) => mode === "raw" && path.startsWith("spec.statement")];
  const claimed: PathTest[] = [
    "spec.sid",
    "spec.providerUrl",
    "spec.mode",
    ...Object.values(areaTests).flat(),
    ...rowTests.flatMap((tests) => Object.values(tests).flat()),
    ...rawTests,
  ];
  return { rowTests, areaTests, rawTests, claimed };
}
