"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { GithubDraft } from "@/components/workloads/github-draft";
import { claimKeyList, GithubTemplateFields } from "@/components/workloads/github-template-fields";
import {
  text,
  type SubjectFieldsProps,
  type SubjectModule,
} from "@/components/workloads/subject-module";
import { githubTriggers, type GithubTrigger } from "@/lib/catalog/subjects/github";

const triggerLabels: Record<GithubTrigger, string> = {
  branch: "Push to a branch",
  tag: "Push of a tag",
  environment: "Job in an environment",
  pull_request: "Pull request",
};

const nameLabels: Record<Exclude<GithubTrigger, "pull_request">, [string, string]> = {
  branch: ["Branch", "main"],
  tag: ["Tag", "v1.2.0"],
  environment: ["Environment", "production"],
};

function isTrigger(value: unknown): value is GithubTrigger {
  return (githubTriggers as readonly unknown[]).includes(value);
}

function draftFrom(spec: Record<string, unknown> | undefined): GithubDraft {
  const immutable = (spec?.immutable ?? null) as { ownerId?: string; repoId?: string } | null;
  const keys = Array.isArray(spec?.claimKeys) ? (spec.claimKeys as string[]) : null;
  return {
    owner: text(spec, "owner"),
    repo: text(spec, "repo"),
    trigger: isTrigger(spec?.trigger) ? spec.trigger : "environment",
    name: text(spec, "name"),
    useImmutable: Boolean(immutable),
    ownerId: immutable?.ownerId ?? "",
    repoId: immutable?.repoId ?? "",
    useTemplate: Boolean(keys),
    claimKeys: keys?.join(", ") ?? "repo, context",
    claimValues: { ...((spec?.claimValues ?? {}) as Record<string, string>) },
  };
}

function specFrom(draft: GithubDraft): Record<string, unknown> {
  const keys = claimKeyList(draft.claimKeys);
  // Only keys the template lists, and only filled ones: a missing value gets
  // the schema's "give the value" message rather than "is required".
  const values = Object.fromEntries(
    keys
      .filter((key) => key !== "repo" && key !== "context" && draft.claimValues[key])
      .map((key) => [key, draft.claimValues[key] ?? ""]),
  );
  return {
    kind: "github",
    owner: draft.owner.trim(),
    repo: draft.repo.trim(),
    trigger: draft.trigger,
    ...(draft.trigger === "pull_request" ? {} : { name: draft.name }),
    ...(draft.useImmutable
      ? { immutable: { ownerId: draft.ownerId.trim(), repoId: draft.repoId.trim() } }
      : {}),
    ...(draft.useTemplate
      ? { claimKeys: keys, ...(Object.keys(values).length ? { claimValues: values } : {}) }
      : {}),
  };
}

export function GithubSubjectFields({ draft, onChange, error }: SubjectFieldsProps<GithubDraft>) {
  const named = draft.trigger === "pull_request" ? null : nameLabels[draft.trigger];
  return (
    <>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field id="subject-owner" label="Owner" error={error("owner")} help="User or organization.">
          <Input
            value={draft.owner}
            onChange={(event) => onChange({ owner: event.target.value })}
            placeholder="contoso"
            spellCheck={false}
            autoComplete="off"
            required
          />
        </Field>
        <Field id="subject-repo" label="Repository" error={error("repo")}>
          <Input
            value={draft.repo}
            onChange={(event) => onChange({ repo: event.target.value })}
            placeholder="payments-api"
            spellCheck={false}
            autoComplete="off"
            required
          />
        </Field>
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field
          id="subject-trigger"
          label="Trigger"
          error={error("trigger")}
          help="A job that names an environment always gets the environment subject, whatever triggered it."
        >
          <Select
            value={draft.trigger}
            onChange={(event) => onChange({ trigger: event.target.value as GithubTrigger })}
          >
            {githubTriggers.map((trigger) => (
              <option key={trigger} value={trigger}>
                {triggerLabels[trigger]}
              </option>
            ))}
          </Select>
        </Field>
        {named ? (
          <Field id="subject-name" label={named[0]} error={error("name")}>
            <Input
              value={draft.name}
              onChange={(event) => onChange({ name: event.target.value })}
              placeholder={named[1]}
              spellCheck={false}
              autoComplete="off"
              required
            />
          </Field>
        ) : null}
      </div>
      <fieldset className="grid gap-3 rounded-md border p-4">
        <legend className="px-1 text-sm font-medium">Immutable subject (optional)</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={draft.useImmutable}
            onChange={(event) => onChange({ useImmutable: event.target.checked })}
          />
          Repository uses GitHub&apos;s immutable subject (repo:owner@ID/repo@ID)
        </label>
        {draft.useImmutable ? (
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <Field
              id="subject-owner-id"
              label="Owner ID"
              error={error("immutable.ownerId", "ownerId")}
              help={<code>gh api repos/OWNER/REPO --jq .owner.id</code>}
            >
              <Input
                value={draft.ownerId}
                onChange={(event) => onChange({ ownerId: event.target.value })}
                inputMode="numeric"
                autoComplete="off"
              />
            </Field>
            <Field
              id="subject-repo-id"
              label="Repository ID"
              error={error("immutable.repoId", "repoId")}
              help={<code>gh api repos/OWNER/REPO --jq .id</code>}
            >
              <Input
                value={draft.repoId}
                onChange={(event) => onChange({ repoId: event.target.value })}
                inputMode="numeric"
                autoComplete="off"
              />
            </Field>
          </div>
        ) : null}
      </fieldset>
      <GithubTemplateFields draft={draft} onChange={onChange} error={error} />
    </>
  );
}

export const githubSubject: SubjectModule<GithubDraft> = {
  draftFrom,
  specFrom,
  labels: {
    owner: "Owner",
    repo: "Repository",
    trigger: "Trigger",
    name: "The branch, tag or environment name",
    "immutable.ownerId": "Owner ID",
    "immutable.repoId": "Repository ID",
    claimKeys: "Claim keys",
  },
  Fields: GithubSubjectFields,
};
