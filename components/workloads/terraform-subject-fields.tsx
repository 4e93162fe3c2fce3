"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  text,
  type SubjectFieldsProps,
  type SubjectModule,
} from "@/components/workloads/subject-module";
import { defaultTerraformProject } from "@/lib/catalog/subjects/terraform";

type RunPhase = "plan" | "apply";

export type TerraformDraft = {
  organization: string;
  project: string;
  workspace: string;
  runPhase: RunPhase;
};

function draftFrom(spec: Record<string, unknown> | undefined): TerraformDraft {
  return {
    organization: text(spec, "organization"),
    project: text(spec, "project") || defaultTerraformProject,
    workspace: text(spec, "workspace"),
    runPhase: spec?.runPhase === "plan" ? "plan" : "apply",
  };
}

function specFrom(draft: TerraformDraft): Record<string, unknown> {
  return {
    kind: "terraform",
    organization: draft.organization.trim(),
    project: draft.project,
    workspace: draft.workspace.trim(),
    runPhase: draft.runPhase,
  };
}

export function TerraformSubjectFields({
  draft,
  onChange,
  error,
}: SubjectFieldsProps<TerraformDraft>) {
  return (
    <>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field id="subject-organization" label="Organization" error={error("organization")}>
          <Input
            value={draft.organization}
            onChange={(event) => onChange({ organization: event.target.value })}
            placeholder="contoso"
            spellCheck={false}
            autoComplete="off"
            required
          />
        </Field>
        <Field
          id="subject-project"
          label="Project"
          error={error("project")}
          help={`Workspaces outside a project live in “${defaultTerraformProject}”, with a space.`}
        >
          <Input
            value={draft.project}
            onChange={(event) => onChange({ project: event.target.value })}
            spellCheck={false}
            autoComplete="off"
            required
          />
        </Field>
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field id="subject-workspace" label="Workspace" error={error("workspace")}>
          <Input
            value={draft.workspace}
            onChange={(event) => onChange({ workspace: event.target.value })}
            placeholder="networking-prod"
            spellCheck={false}
            autoComplete="off"
            required
          />
        </Field>
        <Field
          id="subject-run-phase"
          label="Run phase"
          error={error("runPhase")}
          help="Plan and apply get different subjects: trust apply only where it may change things."
        >
          <Select
            value={draft.runPhase}
            onChange={(event) => onChange({ runPhase: event.target.value as RunPhase })}
          >
            <option value="plan">plan</option>
            <option value="apply">apply</option>
          </Select>
        </Field>
      </div>
    </>
  );
}

export const terraformSubject: SubjectModule<TerraformDraft> = {
  draftFrom,
  specFrom,
  labels: {
    organization: "Organization",
    project: "Project",
    workspace: "Workspace",
    runPhase: "Run phase",
  },
  Fields: TerraformSubjectFields,
};
