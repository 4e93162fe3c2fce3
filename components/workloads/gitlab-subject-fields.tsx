"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  text,
  type SubjectFieldsProps,
  type SubjectModule,
} from "@/components/workloads/subject-module";

type Form = "project_path" | "project_id";
type RefType = "branch" | "tag";

export type GitlabDraft = {
  form: Form;
  projectPath: string;
  projectId: string;
  refType: RefType;
  ref: string;
};

function draftFrom(spec: Record<string, unknown> | undefined): GitlabDraft {
  return {
    form: spec?.form === "project_id" ? "project_id" : "project_path",
    projectPath: text(spec, "projectPath"),
    projectId: text(spec, "projectId"),
    refType: spec?.refType === "tag" ? "tag" : "branch",
    ref: text(spec, "ref"),
  };
}

function specFrom(draft: GitlabDraft): Record<string, unknown> {
  return {
    kind: "gitlab",
    form: draft.form,
    projectPath: draft.projectPath.trim(),
    // A project id kept from the other form would be hidden yet still checked.
    ...(draft.form === "project_id" ? { projectId: draft.projectId.trim() } : {}),
    refType: draft.refType,
    ref: draft.ref,
  };
}

export function GitlabSubjectFields({ draft, onChange, error }: SubjectFieldsProps<GitlabDraft>) {
  return (
    <>
      <Field
        id="subject-form"
        label="Subject form"
        error={error("form")}
        help="Projects that set ci_id_token_sub_claim_components to lead with project_id get the second form."
      >
        <Select
          value={draft.form}
          onChange={(event) => onChange({ form: event.target.value as Form })}
        >
          <option value="project_path">project_path:group/project:… (default)</option>
          <option value="project_id">project_id:123:…</option>
        </Select>
      </Field>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field
          id="subject-project-path"
          label="Project path"
          error={error("projectPath")}
          help="The full path, subgroups included."
        >
          <Input
            value={draft.projectPath}
            onChange={(event) => onChange({ projectPath: event.target.value })}
            placeholder="platform/infra/deployer"
            spellCheck={false}
            autoComplete="off"
            required
          />
        </Field>
        {draft.form === "project_id" ? (
          <Field
            id="subject-project-id"
            label="Project ID"
            error={error("projectId")}
            help="Shown under the project name on its overview page."
          >
            <Input
              value={draft.projectId}
              onChange={(event) => onChange({ projectId: event.target.value })}
              inputMode="numeric"
              autoComplete="off"
              required
            />
          </Field>
        ) : null}
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field id="subject-ref-type" label="Ref type" error={error("refType")}>
          <Select
            value={draft.refType}
            onChange={(event) => onChange({ refType: event.target.value as RefType })}
          >
            <option value="branch">Branch</option>
            <option value="tag">Tag</option>
          </Select>
        </Field>
        <Field
          id="subject-ref"
          label={draft.refType === "tag" ? "Tag name" : "Branch name"}
          error={error("ref")}
          help="The bare name, without refs/heads/."
        >
          <Input
            value={draft.ref}
            onChange={(event) => onChange({ ref: event.target.value })}
            placeholder={draft.refType === "tag" ? "v1.2.0" : "main"}
            spellCheck={false}
            autoComplete="off"
            required
          />
        </Field>
      </div>
    </>
  );
}

export const gitlabSubject: SubjectModule<GitlabDraft> = {
  draftFrom,
  specFrom,
  labels: {
    form: "Subject form",
    projectPath: "Project path",
    projectId: "Project ID",
    refType: "Ref type",
    ref: "The branch or tag name",
  },
  Fields: GitlabSubjectFields,
};
