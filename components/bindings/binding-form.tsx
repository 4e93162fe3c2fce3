"use client";

import dynamic from "next/dynamic";
import type { CloudFieldsProps } from "@/components/bindings/cloud-fields";
import type { BindingParties } from "@/components/bindings/types";
import { FormActions } from "@/components/ui/form-actions";
import { LoadingPlaceholder } from "@/components/ui/skeleton";
import type { Cloud } from "@/lib/clouds/types";
import { useKeptFormAction } from "@/components/ui/use-kept-form-action";
import type { ActionState } from "@/lib/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

// Each cloud's fields carry its schema, rules and (for GCP) a CEL parser for
// the live preview: loaded once the page is interactive, not in its first
// load (issue 11 §11).
const loading = () => <LoadingPlaceholder what="the binding's fields" />;
const fieldsByCloud: Record<Cloud, React.ComponentType<CloudFieldsProps>> = {
  azure: dynamic(
    () => import("@/components/bindings/azure-binding-fields").then((m) => m.AzureBindingFields),
    { ssr: false, loading },
  ),
  aws: dynamic(
    () => import("@/components/bindings/aws-binding-fields").then((m) => m.AwsBindingFields),
    { ssr: false, loading },
  ),
  gcp: dynamic(
    () => import("@/components/bindings/gcp-binding-fields").then((m) => m.GcpBindingFields),
    { ssr: false, loading },
  ),
};

/**
 * The binding form shared by add and edit: the cloud's own fields build the
 * spec JSON (one hidden input); this posts it with the ids the action needs.
 * Editing posts id + version, never the workload or target, which a binding
 * keeps for life.
 */
export function BindingForm({
  action,
  parties,
  stored,
  edit,
  cancelHref,
  submitLabel,
}: {
  action: Action;
  parties: BindingParties;
  stored?: Record<string, unknown>;
  edit?: { id: string; version: number };
  cancelHref: string;
  submitLabel: string;
}) {
  const { state, onSubmit, pending: isPending } = useKeptFormAction(action);
  const Fields = fieldsByCloud[parties.target.cloud];
  return (
    <form onSubmit={onSubmit}>
      {edit ? (
        <>
          <input type="hidden" name="id" value={edit.id} />
          <input type="hidden" name="version" value={edit.version} />
        </>
      ) : (
        <>
          <input type="hidden" name="workloadId" value={parties.workload.id} />
          <input type="hidden" name="targetId" value={parties.target.id} />
        </>
      )}
      <fieldset disabled={isPending} className="m-0 min-w-0 border-0 p-0">
        <Fields
          parties={parties}
          stored={stored}
          serverErrors={state.fieldErrors ?? {}}
          serverMessage={state.status === "error" ? state.message : undefined}
          submittedSpec={state.values?.spec}
          footer={
            <FormActions pending={isPending} submitLabel={submitLabel} cancelHref={cancelHref} />
          }
        />
      </fieldset>
    </form>
  );
}
