"use client";

import Link from "next/link";
import { AwsBindingFields } from "@/components/bindings/aws-binding-fields";
import { AzureBindingFields } from "@/components/bindings/azure-binding-fields";
import type { CloudFieldsProps } from "@/components/bindings/cloud-fields";
import { GcpBindingFields } from "@/components/bindings/gcp-binding-fields";
import type { BindingParties } from "@/components/bindings/types";
import { Button, buttonVariants } from "@/components/ui/button";
import type { Cloud } from "@/lib/clouds/types";
import { useKeptFormAction } from "@/components/ui/use-kept-form-action";
import type { ActionState } from "@/lib/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const fieldsByCloud: Record<Cloud, (props: CloudFieldsProps) => React.ReactNode> = {
  azure: AzureBindingFields,
  aws: AwsBindingFields,
  gcp: GcpBindingFields,
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
            <div className="flex gap-3">
              <Button type="submit" disabled={isPending} aria-busy={isPending}>
                {isPending ? "Saving…" : submitLabel}
              </Button>
              <Link href={cancelHref} className={buttonVariants({ variant: "outline" })}>
                Cancel
              </Link>
            </div>
          }
        />
      </fieldset>
    </form>
  );
}
