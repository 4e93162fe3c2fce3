"use client";

import {
  nextRowKey,
  type BuilderState,
  type ConditionRow,
  type RowPart,
} from "@/components/bindings/aws-builder-state";
import { attributeValueFor } from "@/components/bindings/binding-defaults";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

// The statement builder: audiences, the sub condition and extra claim
// conditions, each becoming one key of the statement's Condition block
// (CLOUDS.md 2.4, 2.5).

const conditionOperators = [
  "StringEquals",
  "StringLike",
  "StringNotEquals",
  "StringNotLike",
  "StringEqualsIgnoreCase",
  "ForAnyValue:StringEquals",
  "ForAnyValue:StringLike",
];

// CLOUDS.md 2.4: the keys STS sets for GitHub's issuer beyond aud and sub.
const githubClaims = ["job_workflow_ref", "environment", "repository_id", "repository"];
const oidcClaims = ["azp", "amr", "email"];

function placeholderFor(claim: string, subjectSpec: Record<string, unknown>): string {
  if (claim === "job_workflow_ref" && subjectSpec.kind === "github") {
    return `${String(subjectSpec.owner)}/${String(subjectSpec.repo)}/.github/workflows/deploy.yml@refs/heads/main`;
  }
  const value = attributeValueFor(claim, subjectSpec);
  return value ? `e.g. ${value}` : "One value per line";
}

export function AwsBuilderFields({
  state,
  onChange,
  isGithub,
  subjectSpec,
  workloadSubject,
  errorAt,
  warningsAt,
}: {
  state: BuilderState;
  onChange: (next: BuilderState) => void;
  isGithub: boolean;
  subjectSpec: Record<string, unknown>;
  workloadSubject: string;
  errorAt: (
    area: "audiences" | "subjects" | "conditions" | { row: number; part: RowPart },
  ) => string | undefined;
  /** The live warnings about what an area builds. */
  warningsAt: (area: "audiences" | "subjects") => string[];
}) {
  const set = (patch: Partial<BuilderState>) => onChange({ ...state, ...patch });
  const setRow = (index: number, patch: Partial<ConditionRow>) =>
    set({
      conditions: state.conditions.map((row, at) => (at === index ? { ...row, ...patch } : row)),
    });
  const claims = isGithub ? githubClaims : oidcClaims;
  return (
    <>
      <Field
        id="aws-audiences"
        label="Audiences (aud), one per line"
        error={errorAt("audiences")}
        warnings={warningsAt("audiences")}
        help="StringEquals on :aud. Each must be one of the provider's client ids, or STS rejects the token before it reads this policy."
      >
        <Textarea
          value={state.audiences}
          onChange={(event) => set({ audiences: event.target.value })}
          rows={2}
          spellCheck={false}
          className="font-mono"
        />
      </Field>
      <Field
        id="aws-subject-operator"
        label="Subject operator"
        help="StringEquals compares exactly; StringLike lets * and ? match (and admits more than you may think)."
      >
        <Select
          value={state.subjectOperator}
          onChange={(event) =>
            set({ subjectOperator: event.target.value as BuilderState["subjectOperator"] })
          }
        >
          <option value="StringEquals">StringEquals</option>
          <option value="StringLike">StringLike</option>
        </Select>
      </Field>
      <Field
        id="aws-subjects"
        label="Subjects (sub), one per line"
        error={errorAt("subjects")}
        warnings={warningsAt("subjects")}
        help={
          <>
            Any one may match. The workload&apos;s tokens carry{" "}
            <code className="font-mono break-all">{workloadSubject}</code>; leaving this empty drops
            the sub check, and any repository or tenant of the issuer could assume the role.
          </>
        }
      >
        <Textarea
          value={state.subjects}
          onChange={(event) => set({ subjects: event.target.value })}
          rows={3}
          spellCheck={false}
          className="font-mono"
        />
      </Field>
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-medium">Extra claim conditions (optional)</legend>
        <p className="text-xs text-muted-foreground">
          Every condition must hold. STS exposes only aud, sub, amr, azp and email
          {isGithub ? ", plus job_workflow_ref, environment, repository and repository_id" : ""} as
          condition keys; any other claim is never present.
        </p>
        <datalist id="aws-claim-suggestions">
          {claims.map((claim) => (
            <option key={claim} value={claim} />
          ))}
        </datalist>
        {state.conditions.map((row, index) => (
          <fieldset key={row.key} className="grid gap-3 rounded-md border p-3">
            <legend className="px-1 text-sm">Condition {index + 1}</legend>
            <div className="grid items-start gap-3 sm:grid-cols-2">
              <Field
                id={`aws-condition-${index}-operator`}
                label="Operator"
                error={errorAt({ row: index, part: "operator" })}
              >
                <Select
                  value={row.operator}
                  onChange={(event) => setRow(index, { operator: event.target.value })}
                >
                  {[...new Set([...conditionOperators, row.operator])].map((operator) => (
                    <option key={operator} value={operator}>
                      {operator}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                id={`aws-condition-${index}-claim`}
                label="Claim"
                error={errorAt({ row: index, part: "claim" })}
              >
                <CodeInput
                  value={row.claim}
                  onChange={(event) => setRow(index, { claim: event.target.value })}
                  list="aws-claim-suggestions"
                  placeholder={claims[0]}
                />
              </Field>
            </div>
            <Field
              id={`aws-condition-${index}-values`}
              label="Values, one per line"
              error={errorAt({ row: index, part: "values" })}
            >
              <Textarea
                value={row.values}
                onChange={(event) => setRow(index, { values: event.target.value })}
                rows={2}
                spellCheck={false}
                placeholder={placeholderFor(row.claim.trim(), subjectSpec)}
                className="font-mono"
              />
            </Field>
            <Button
              variant="ghost"
              size="sm"
              className="justify-self-start"
              onClick={() => set({ conditions: state.conditions.filter((_, at) => at !== index) })}
            >
              Remove condition {index + 1}
            </Button>
          </fieldset>
        ))}
        {errorAt("conditions") ? (
          <p className="text-sm text-destructive">{errorAt("conditions")}</p>
        ) : null}
        <Button
          variant="outline"
          size="sm"
          className="justify-self-start"
          onClick={() =>
            set({
              conditions: [
                ...state.conditions,
                { key: nextRowKey(), operator: "StringEquals", claim: "", values: "" },
              ],
            })
          }
        >
          Add condition
        </Button>
      </fieldset>
    </>
  );
}
