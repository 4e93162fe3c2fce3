"use client";

import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import type { GithubDraft } from "@/components/workloads/github-draft";
import type { SubjectFieldsProps } from "@/components/workloads/subject-module";

/** include_claim_keys typed as text: order kept, blanks dropped. */
export function claimKeyList(typed: string): string[] {
  return typed.split(/[\s,]+/).filter(Boolean);
}

/**
 * GitHub's custom subject template (include_claim_keys): the `sub` becomes
 * the listed claims in order; `repo` and `context` expand to GitHub's own
 * parts, every other key needs the value the token carries.
 */
export function GithubTemplateFields({
  draft,
  onChange,
  error,
}: Pick<SubjectFieldsProps<GithubDraft>, "draft" | "onChange" | "error">) {
  const valueKeys = claimKeyList(draft.claimKeys).filter(
    (key, index, keys) => key !== "repo" && key !== "context" && keys.indexOf(key) === index,
  );
  return (
    <fieldset className="grid gap-3 rounded-md border p-4">
      <legend className="px-1 text-sm font-medium">Custom sub template (optional)</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={draft.useTemplate}
          onChange={(event) => onChange({ useTemplate: event.target.checked })}
        />
        Repository or organization sets a custom template (include_claim_keys)
      </label>
      {draft.useTemplate ? (
        <>
          <Field
            id="subject-claim-keys"
            label="Claim keys, in order"
            error={error("claimKeys")}
            help={
              <>
                As in <code>include_claim_keys</code>, separated by commas, e.g.{" "}
                <code>repo, context, job_workflow_ref</code>. <code>repo</code> and{" "}
                <code>context</code> expand to GitHub&apos;s own parts.
              </>
            }
          >
            <CodeInput
              value={draft.claimKeys}
              onChange={(event) => onChange({ claimKeys: event.target.value })}
            />
          </Field>
          {valueKeys.map((key) => (
            <Field
              key={key}
              id={`subject-claim-${key}`}
              label={`Value of ${key}`}
              error={error(`claimValues.${key}`, "claimValues")}
            >
              <CodeInput
                value={draft.claimValues[key] ?? ""}
                onChange={(event) =>
                  onChange({ claimValues: { ...draft.claimValues, [key]: event.target.value } })
                }
              />
            </Field>
          ))}
        </>
      ) : null}
    </fieldset>
  );
}
