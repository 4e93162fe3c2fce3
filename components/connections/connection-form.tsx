"use client";

import { useState } from "react";
import { ambientHelp } from "@/components/connections/connection-labels";
import { ConnectionEndpointFields } from "@/components/connections/connection-endpoint-fields";
import { ConnectionScopeFields } from "@/components/connections/connection-scope-fields";
import { ConnectionSecretFields } from "@/components/connections/connection-secret-fields";
import { Alert } from "@/components/ui/alert";
import { FormActions } from "@/components/ui/form-actions";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useKeptFormAction } from "@/components/ui/use-kept-form-action";
import type { Cloud } from "@/lib/clouds/types";
import type { ActionState } from "@/lib/http/action-state";

export type ConnectionFormValues = {
  id?: string;
  version?: number;
  cloud: Cloud;
  authKind: "ambient" | "secret";
  /** A secret is stored (edit): its fields may stay empty. */
  isSecretStored: boolean;
  identity?: string;
  /** Every other field by its posted name (`name`, `scope.tenantId`, `endpoints.azureGraph`, `caBundle`). */
  fields: Record<string, string>;
};

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Fields whose errors show under their own control; the rest join the message on top. */
const ownControl = /^(name|cloud|caBundle|auth\.|scope\.|endpoints\.)/;

export function ConnectionForm({
  action,
  initial,
  cloudLabels,
  cancelHref,
  submitLabel,
}: {
  action: Action;
  initial: ConnectionFormValues;
  /** The clouds to offer, by label (from the registry, which stays on the server). */
  cloudLabels: Record<Cloud, string>;
  cancelHref: string;
  submitLabel: string;
}) {
  const { state, formAction, onSubmit, pending } = useKeptFormAction(action);
  const values = { ...initial.fields, ...state.values };
  const errors = state.fieldErrors ?? {};
  const isEdit = Boolean(initial.id);
  const [cloud, setCloud] = useState<Cloud>((values.cloud as Cloud | undefined) ?? initial.cloud);
  const [authKind, setAuthKind] = useState(values["auth.kind"] ?? initial.authKind);
  const otherErrors = Object.entries(errors).filter(([path]) => !ownControl.test(path));
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid max-w-2xl gap-5">
      {state.status === "error" && state.message ? (
        <Alert variant="error">
          {state.message}
          {otherErrors.length ? (
            <ul className="mt-1 list-disc pl-5">
              {otherErrors.map(([path, message]) => (
                <li key={path}>{message}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {isEdit ? (
        <>
          <input type="hidden" name="id" value={initial.id} />
          <input type="hidden" name="version" value={values.version ?? initial.version} />
          {/* Names the endpoint fields to read; the cloud itself never changes. */}
          <input type="hidden" name="cloud" value={cloud} />
        </>
      ) : (
        <Field id="cloud" label="Cloud" error={errors.cloud}>
          <Select
            name="cloud"
            value={cloud}
            onChange={(event) => setCloud(event.target.value as Cloud)}
          >
            {(Object.keys(cloudLabels) as Cloud[]).map((value) => (
              <option key={value} value={value}>
                {cloudLabels[value]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field
        id="name"
        label="Name"
        error={errors.name}
        help="How this connection appears in Fedlens, e.g. “Production tenant”."
      >
        <Input
          name="name"
          required
          maxLength={120}
          defaultValue={values.name ?? ""}
          autoFocus={!isEdit}
        />
      </Field>
      <ConnectionScopeFields key={`scope-${cloud}`} cloud={cloud} errors={errors} values={values} />
      <fieldset className="grid gap-4">
        <legend className="mb-1 text-sm font-semibold">How Fedlens signs in</legend>
        <Field
          id="auth.kind"
          label="Authentication"
          error={errors["auth.kind"]}
          help={
            authKind === "ambient"
              ? ambientHelp[cloud]
              : "A secret stored encrypted in the database; it is never shown again, only replaced."
          }
        >
          <Select
            name="auth.kind"
            value={authKind}
            onChange={(event) => setAuthKind(event.target.value)}
          >
            <option value="ambient">
              Ambient: the environment Fedlens runs in (no stored secret)
            </option>
            <option value="secret">Stored secret</option>
          </Select>
        </Field>
        {authKind === "secret" ? (
          <ConnectionSecretFields
            key={`secret-${cloud}`}
            cloud={cloud}
            prefix="auth."
            errors={errors}
            identity={values["auth.clientId"] ?? values["auth.accessKeyId"] ?? initial.identity}
            isStored={initial.isSecretStored}
          />
        ) : null}
      </fieldset>
      <ConnectionEndpointFields
        key={`endpoints-${cloud}`}
        cloud={cloud}
        errors={errors}
        values={values}
      />
      <FormActions pending={pending} submitLabel={submitLabel} cancelHref={cancelHref} />
    </form>
  );
}
