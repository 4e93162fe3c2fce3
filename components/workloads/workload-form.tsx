"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { FormActions } from "@/components/ui/form-actions";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LoadingPlaceholder } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { issuerKindTemplates, type IssuerKind } from "@/lib/catalog/issuer-kinds";
import { useKeptFormAction } from "@/components/ui/use-kept-form-action";
import type { ActionState } from "@/lib/http/action-state";

export type IssuerOption = { id: string; name: string; kind: IssuerKind; issuerUrl: string };

export type WorkloadFormValues = {
  id?: string;
  version?: number;
  name: string;
  issuerId: string;
  team: string;
  description: string;
  subjectSpec?: Record<string, unknown>;
};

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

// The builder parses with the server's subject schemas (zod) for its live
// preview: loaded once the page is interactive, not in its first load.
const SubjectBuilder = dynamic(
  () => import("@/components/workloads/subject-builder").then((m) => m.SubjectBuilder),
  { ssr: false, loading: () => <LoadingPlaceholder what="the subject builder" /> },
);

const fieldsShownInPlace = new Set(["name", "issuerId", "team", "description"]);

export function WorkloadForm({
  action,
  issuers,
  initial,
  cancelHref,
  submitLabel,
}: {
  action: Action;
  issuers: IssuerOption[];
  initial: WorkloadFormValues;
  cancelHref: string;
  submitLabel: string;
}) {
  const { state, formAction, onSubmit, pending: isPending } = useKeptFormAction(action);
  const kept = state.values;
  const [issuerId, setIssuerId] = useState(initial.issuerId);
  const issuer = issuers.find((option) => option.id === issuerId);
  const errors = state.fieldErrors ?? {};
  // Errors with no control of their own (e.g. a stale version) join the message on top.
  const otherErrors = Object.entries(errors).filter(
    ([path]) => !fieldsShownInPlace.has(path) && !path.startsWith("subjectSpec"),
  );

  return (
    <form action={formAction} onSubmit={onSubmit} className="grid max-w-3xl gap-5">
      {state.status === "error" && state.message ? (
        <Alert variant="error">
          {state.message}
          {otherErrors.length ? (
            <ul className="mt-1 list-disc pl-5">
              {otherErrors.map(([path, message]) => (
                <li key={path}>
                  <code>{path}</code> {message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {initial.version ? (
        <input type="hidden" name="version" value={kept?.version ?? initial.version} />
      ) : null}
      <Field
        id="issuerId"
        label="Issuer"
        error={errors.issuerId}
        help={
          issuer ? (
            <>
              Tokens from <code className="font-mono">{issuer.issuerUrl}</code>
            </>
          ) : (
            "The issuer whose tokens this workload presents."
          )
        }
      >
        <Select
          name="issuerId"
          value={issuerId}
          onChange={(event) => setIssuerId(event.target.value)}
          required
        >
          <option value="">Choose an issuer…</option>
          {issuers.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name} ({issuerKindTemplates[option.kind].label})
            </option>
          ))}
        </Select>
      </Field>
      {issuer ? (
        <SubjectBuilder
          issuerKind={issuer.kind}
          initialSpec={initial.subjectSpec}
          submission={state}
        />
      ) : (
        <p className="text-sm text-muted-foreground">
          Choose the issuer first: the subject is described in its terms.
        </p>
      )}
      <Field
        id="name"
        label="Name"
        error={errors.name}
        help="How this workload appears in Fedlens, e.g. “payments-api · production”."
      >
        <Input name="name" required maxLength={120} defaultValue={kept?.name ?? initial.name} />
      </Field>
      <Field id="team" label="Team" error={errors.team} help="Who owns it (optional).">
        <Input name="team" maxLength={120} defaultValue={kept?.team ?? initial.team} />
      </Field>
      <Field id="description" label="Description" error={errors.description}>
        <Textarea
          name="description"
          maxLength={2000}
          defaultValue={kept?.description ?? initial.description}
        />
      </Field>
      <FormActions pending={isPending} submitLabel={submitLabel} cancelHref={cancelHref} />
    </form>
  );
}
