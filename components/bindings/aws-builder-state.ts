// The statement builder's state, shared by the builder's fields and the
// form's starting state without either importing the other.

export type ConditionRow = { key: number; operator: string; claim: string; values: string };
export type BuilderState = {
  audiences: string;
  subjectOperator: "StringEquals" | "StringLike";
  subjects: string;
  conditions: ConditionRow[];
};
/** The part of a condition row a finding points at. */
export type RowPart = "operator" | "claim" | "values";

let lastRowKey = 0;
/** React keys for condition rows; never rendered, so server and client may differ. */
export function nextRowKey(): number {
  lastRowKey += 1;
  return lastRowKey;
}
