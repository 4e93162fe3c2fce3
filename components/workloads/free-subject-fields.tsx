"use client";

import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import {
  text,
  type SubjectFieldsProps,
  type SubjectModule,
} from "@/components/workloads/subject-module";
import { freeSubjectHelp } from "@/lib/catalog/subjects/free";

export type FreeDraft = { subject: string };

function draftFrom(spec: Record<string, unknown> | undefined): FreeDraft {
  return { subject: text(spec, "subject") };
}

// Not trimmed: clouds compare sub byte for byte, and the schema says so.
function specFrom(draft: FreeDraft): Record<string, unknown> {
  return { kind: "free", subject: draft.subject };
}

export function FreeSubjectFields({
  draft,
  onChange,
  error,
  issuerKind,
}: SubjectFieldsProps<FreeDraft>) {
  const { format, help } = freeSubjectHelp(issuerKind);
  return (
    <Field
      id="subject-free"
      label="Subject"
      error={error("subject")}
      help={
        <>
          Format: <code className="font-mono">{format}</code>. {help}
        </>
      }
    >
      <CodeInput
        value={draft.subject}
        onChange={(event) => onChange({ subject: event.target.value })}
        placeholder={format}
        required
      />
    </Field>
  );
}

export const freeSubject: SubjectModule<FreeDraft> = {
  draftFrom,
  specFrom,
  labels: { subject: "Subject" },
  Fields: FreeSubjectFields,
};
