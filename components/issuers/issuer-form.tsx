"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { FormActions } from "@/components/ui/form-actions";
import { Field } from "@/components/ui/field";
import { CodeInput, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { issuerKinds, issuerKindTemplates, type IssuerKind } from "@/lib/catalog/issuer-kinds";
import { issuerUrlWarnings } from "@/lib/catalog/issuer-url-warnings";
import { useKeptFormAction } from "@/components/ui/use-kept-form-action";
import type { ActionState } from "@/lib/http/action-state";

export type IssuerFormValues = {
  id?: string;
  version?: number;
  name: string;
  issuerUrl: string;
  kind: IssuerKind;
  jwksUri: string;
  /** The pasted JWKS as JSON text, "" when none. */
  jwks: string;
  notes: string;
  /** What is weak about the keys already saved, shown before the next save. */
  keyWarnings?: string[];
};

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Renders `backticked` parts of help text as code. */
function withInlineCode(text: string) {
  return text.split("`").map((part, index) =>
    index % 2 === 1 ? (
      <code key={index} className="font-mono">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

function isKind(value: string | undefined): value is IssuerKind {
  return (issuerKinds as readonly string[]).includes(value ?? "");
}

export function IssuerForm({
  action,
  initial,
  cancelHref,
  submitLabel,
}: {
  action: Action;
  initial: IssuerFormValues;
  cancelHref: string;
  submitLabel: string;
}) {
  const { state, formAction, onSubmit, pending } = useKeptFormAction(action);
  const kept = state.values;
  const [kind, setKind] = useState<IssuerKind>(isKind(kept?.kind) ? kept.kind : initial.kind);
  const [issuerUrl, setIssuerUrl] = useState(kept?.issuerUrl ?? initial.issuerUrl);
  const template = issuerKindTemplates[kind];
  const errors = state.fieldErrors ?? {};
  const warnings = issuerUrlWarnings(issuerUrl, kind);
  // The saved keys' warnings until a submit answers with the posted keys' own.
  const keyWarnings = state.status === "idle" ? initial.keyWarnings : state.fieldWarnings?.jwks;

  function changeKind(next: IssuerKind) {
    // Replace the URL only while it is empty or still the previous template's default.
    if (issuerUrl === "" || issuerUrl === issuerKindTemplates[kind].defaultUrl) {
      setIssuerUrl(issuerKindTemplates[next].defaultUrl ?? "");
    }
    setKind(next);
  }

  return (
    <form action={formAction} onSubmit={onSubmit} className="grid max-w-2xl gap-5">
      {state.status === "error" && state.message ? (
        <Alert variant="error">{state.message}</Alert>
      ) : null}
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {initial.version ? (
        <input type="hidden" name="version" value={kept?.version ?? initial.version} />
      ) : null}
      <Field id="kind" label="Kind" error={errors.kind} help={withInlineCode(template.help)}>
        <Select
          name="kind"
          value={kind}
          onChange={(event) => changeKind(event.target.value as IssuerKind)}
        >
          {issuerKinds.map((value) => (
            <option key={value} value={value}>
              {issuerKindTemplates[value].label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id="name"
        label="Name"
        error={errors.name}
        help="How this issuer appears in Fedlens, e.g. “AKS prod-westeurope”."
      >
        <Input
          name="name"
          required
          maxLength={120}
          defaultValue={kept?.name ?? initial.name}
          autoFocus
        />
      </Field>
      <Field
        id="issuerUrl"
        label="Issuer URL"
        error={errors.issuerUrl}
        warnings={warnings}
        help={
          <>
            Exactly the token&apos;s <code>iss</code> claim: a trailing slash or a capital letter
            makes a different issuer. Shape: <code className="font-mono">{template.shape}</code>
          </>
        }
      >
        <CodeInput
          name="issuerUrl"
          required
          maxLength={600}
          placeholder={template.shape}
          value={issuerUrl}
          onChange={(event) => setIssuerUrl(event.target.value)}
        />
      </Field>
      <Field
        id="jwksUri"
        label="JWKS URL (optional)"
        error={errors.jwksUri}
        help="Only when keys are not at the discovery document's jwks_uri."
      >
        <Input
          name="jwksUri"
          type="url"
          spellCheck={false}
          defaultValue={kept?.jwksUri ?? initial.jwksUri}
          className="font-mono"
        />
      </Field>
      <Field
        id="jwks"
        label="Pasted keys (optional)"
        error={errors.jwks}
        warnings={keyWarnings}
        help="The issuer's JWKS as JSON, for an issuer Fedlens must not or cannot reach: Fedlens then verifies its tokens with these keys and never fetches. Public keys only; leave the JWKS URL empty."
      >
        <Textarea
          name="jwks"
          rows={4}
          spellCheck={false}
          autoComplete="off"
          placeholder='{"keys":[{"kty":"RSA","kid":"…","n":"…","e":"AQAB"}]}'
          defaultValue={kept?.jwks ?? initial.jwks}
          className="font-mono text-xs"
        />
      </Field>
      {keyWarnings?.length ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="acceptKeyWarnings" value="on" />
          Keep these keys despite the warnings
        </label>
      ) : null}
      <Field id="notes" label="Notes" error={errors.notes}>
        <Textarea name="notes" maxLength={4000} defaultValue={kept?.notes ?? initial.notes} />
      </Field>
      <FormActions pending={pending} submitLabel={submitLabel} cancelHref={cancelHref} />
    </form>
  );
}
