"use client";

import dynamic from "next/dynamic";
import { Alert } from "@/components/ui/alert";
import { FormActions } from "@/components/ui/form-actions";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LoadingPlaceholder } from "@/components/ui/skeleton";
import { targetKindCards } from "@/components/targets/target-kinds";
import type { IssuerOption } from "@/components/workloads/workload-form";
import { Select } from "@/components/ui/select";
import type { TargetKind } from "@/lib/clouds/types";
import type { TConnectionOption } from "@/lib/schemas/connection";
import { useKeptFormAction } from "@/components/ui/use-kept-form-action";
import type { ActionState } from "@/lib/http/action-state";

export type TargetFormValues = {
  id?: string;
  version?: number;
  name: string;
  config?: Record<string, unknown>;
  connectionId?: string | null;
};

// The settings carry the cloud's schemas (and GCP's CEL parser) for live
// checks: loaded once the page is interactive, not in its first load.
const TargetConfigBuilder = dynamic(
  () => import("@/components/targets/target-config-builder").then((m) => m.TargetConfigBuilder),
  { ssr: false, loading: () => <LoadingPlaceholder what="the target's settings" /> },
);

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function TargetForm({
  action,
  kind,
  issuers,
  connections,
  initial,
  cancelHref,
  submitLabel,
}: {
  action: Action;
  kind: TargetKind;
  issuers: IssuerOption[];
  /** The connections of the target's cloud. */
  connections: TConnectionOption[];
  initial: TargetFormValues;
  cancelHref: string;
  submitLabel: string;
}) {
  const { state, formAction, onSubmit, pending: isPending } = useKeptFormAction(action);
  const kept = state.values;
  const errors = state.fieldErrors ?? {};
  // Errors with no control of their own (e.g. a stale version) join the message on top.
  const otherErrors = Object.entries(errors).filter(
    ([path]) =>
      path !== "name" &&
      path !== "connectionId" &&
      path !== "config" &&
      !path.startsWith("config."),
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
      {initial.id ? (
        <>
          <input type="hidden" name="id" value={initial.id} />
          <input type="hidden" name="version" value={kept?.version ?? initial.version} />
        </>
      ) : (
        // The kind is fixed once created; the update schema refuses it.
        <input type="hidden" name="kind" value={kind} />
      )}
      <Field
        id="name"
        label="Name"
        error={errors.name}
        help={`How this target appears in Fedlens, e.g. “${targetKindCards[kind].exampleName}”.`}
      >
        <Input name="name" required maxLength={120} defaultValue={kept?.name ?? initial.name} />
      </Field>
      <Field
        id="connectionId"
        label="Cloud connection"
        error={errors.connectionId}
        help="How Fedlens reaches this target in its cloud, to import and check for drift. None keeps it in the catalogue only."
      >
        <Select name="connectionId" defaultValue={kept?.connectionId ?? initial.connectionId ?? ""}>
          <option value="">None (catalogue only)</option>
          {connections.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.name}
              {connection.sandbox ? " (Sandbox)" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <TargetConfigBuilder
        kind={kind}
        initialConfig={initial.config}
        issuers={issuers}
        submission={state}
      />
      <FormActions pending={isPending} submitLabel={submitLabel} cancelHref={cancelHref} />
    </form>
  );
}
