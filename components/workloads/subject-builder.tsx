"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { errorMapFrom } from "@/components/workloads/field-errors";
import { freeSubject } from "@/components/workloads/free-subject-fields";
import { githubSubject } from "@/components/workloads/github-subject-fields";
import { gitlabSubject } from "@/components/workloads/gitlab-subject-fields";
import { kubernetesSubject } from "@/components/workloads/kubernetes-subject-fields";
import type { SubjectModule } from "@/components/workloads/subject-module";
import { terraformSubject } from "@/components/workloads/terraform-subject-fields";
import { useLiveErrors } from "@/components/workloads/use-live-errors";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import {
  buildSubject,
  subjectSpecKindFor,
  ZSubjectSpec,
} from "@/lib/catalog/subjects/subject-spec";
import type { ActionState } from "@/lib/http/action-state";

type BuilderProps = {
  issuerKind: IssuerKind;
  /** The stored spec; ignored when it was written for another kind of issuer. */
  initialSpec?: Record<string, unknown>;
  /** The last answer from the server: its `subjectSpec.*` errors and whether a submit failed. */
  submission: ActionState;
};

/**
 * The subject builder for the issuer's kind. It parses its spec with the
 * schema the server uses, shows the resulting `sub` live, and posts the spec
 * as JSON in the hidden `subjectSpec` field.
 */
export function SubjectBuilder({ initialSpec, ...rest }: BuilderProps) {
  const kind = subjectSpecKindFor(rest.issuerKind);
  const props = { ...rest, initialSpec: initialSpec?.kind === kind ? initialSpec : undefined };
  switch (kind) {
    case "github":
      return <BuilderFor key="github" module={githubSubject} {...props} />;
    case "gitlab":
      return <BuilderFor key="gitlab" module={gitlabSubject} {...props} />;
    case "kubernetes":
      return <BuilderFor key="kubernetes" module={kubernetesSubject} {...props} />;
    case "terraform":
      return <BuilderFor key="terraform" module={terraformSubject} {...props} />;
    case "free":
      return <BuilderFor key="free" module={freeSubject} {...props} />;
  }
}

function valueAt(spec: Record<string, unknown>, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (value, key) =>
        typeof value === "object" && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      spec,
    );
}

const isBlank = (value: unknown) => value === undefined || value === "";

function BuilderFor<Draft>({
  module,
  issuerKind,
  initialSpec,
  submission,
}: BuilderProps & { module: SubjectModule<Draft> }) {
  const [draft, setDraft] = useState(() => module.draftFrom(initialSpec));
  const live = useLiveErrors(submission, "subjectSpec");
  const spec = module.specFrom(draft);
  const parsed = ZSubjectSpec.safeParse(spec);
  const clientErrors = parsed.success ? {} : errorMapFrom(parsed.error);
  let subject: string | null = null;
  let buildError: string | undefined;
  if (parsed.success) {
    try {
      subject = buildSubject(parsed.data);
    } catch (error) {
      buildError = error instanceof Error ? error.message : String(error);
    }
  }

  function onChange(patch: Partial<Draft>) {
    setDraft((current) => ({ ...current, ...patch }));
    live.markEdited(Object.keys(patch));
  }

  const wholeError = live.wholeError(clientErrors, "kind") ?? buildError;
  // Name the field that keeps the sub from being built (its own message may not show yet).
  const [problemPath, problem] = Object.entries(clientErrors)[0] ?? [];
  const missing =
    problemPath === undefined || isBlank(valueAt(spec, problemPath))
      ? "Complete the fields above to see the subject."
      : `${module.labels[problemPath] ?? "The subject"} ${problem}`;
  const Fields = module.Fields;
  return (
    <fieldset className="grid gap-4 rounded-lg border bg-card p-4">
      <legend className="px-1 text-sm font-semibold">Subject</legend>
      <input type="hidden" name="subjectSpec" value={JSON.stringify(spec)} />
      <Fields
        draft={draft}
        onChange={onChange}
        error={live.errorFor(clientErrors)}
        issuerKind={issuerKind}
      />
      <div className="grid gap-1 rounded-md border bg-muted p-3">
        <span id="subject-preview-label" className="text-xs font-medium text-muted-foreground">
          Resulting sub
        </span>
        <div className="flex items-start justify-between gap-3">
          <output
            aria-labelledby="subject-preview-label"
            className="min-h-5 font-mono text-sm break-all"
          >
            {subject ?? <span className="font-sans text-muted-foreground">{missing}</span>}
          </output>
          {subject ? <CopyButton text={subject} label="Copy sub" /> : null}
        </div>
        {wholeError ? <p className="text-sm text-destructive">{wholeError}</p> : null}
      </div>
    </fieldset>
  );
}
