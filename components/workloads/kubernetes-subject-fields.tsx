"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import {
  text,
  type SubjectFieldsProps,
  type SubjectModule,
} from "@/components/workloads/subject-module";

export type KubernetesDraft = { namespace: string; serviceAccount: string };

function draftFrom(spec: Record<string, unknown> | undefined): KubernetesDraft {
  return { namespace: text(spec, "namespace"), serviceAccount: text(spec, "serviceAccount") };
}

function specFrom(draft: KubernetesDraft): Record<string, unknown> {
  return {
    kind: "kubernetes",
    namespace: draft.namespace.trim(),
    serviceAccount: draft.serviceAccount.trim(),
  };
}

export function KubernetesSubjectFields({
  draft,
  onChange,
  error,
}: SubjectFieldsProps<KubernetesDraft>) {
  return (
    <div className="grid items-start gap-4 sm:grid-cols-2">
      <Field id="subject-namespace" label="Namespace" error={error("namespace")}>
        <Input
          value={draft.namespace}
          onChange={(event) => onChange({ namespace: event.target.value })}
          placeholder="wkldid"
          spellCheck={false}
          autoComplete="off"
          required
        />
      </Field>
      <Field
        id="subject-service-account"
        label="Service account"
        error={error("serviceAccount")}
        help="The ServiceAccount the pod runs as (spec.serviceAccountName)."
      >
        <Input
          value={draft.serviceAccount}
          onChange={(event) => onChange({ serviceAccount: event.target.value })}
          placeholder="sawkldid"
          spellCheck={false}
          autoComplete="off"
          required
        />
      </Field>
    </div>
  );
}

export const kubernetesSubject: SubjectModule<KubernetesDraft> = {
  draftFrom,
  specFrom,
  labels: { namespace: "Namespace", serviceAccount: "Service account" },
  Fields: KubernetesSubjectFields,
};
