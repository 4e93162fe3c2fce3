"use client";

import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/lib/http/action-state";

export function DeleteWorkloadButton({
  action,
  id,
  version,
  name,
  bindingCount,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  id: string;
  version: number;
  name: string;
  bindingCount: number;
}) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <ConfirmDialog
      triggerLabel="Delete"
      title={`Delete ${name}?`}
      description={
        <>
          <p>
            The workload leaves the catalogue. The audit trail keeps a record of it.
            {bindingCount > 0
              ? ` Its ${bindingCount} binding${bindingCount === 1 ? "" : "s"} must go first.`
              : ""}
          </p>
          {state.status === "error" ? (
            <p role="alert" className="mt-2 text-destructive">
              {state.message}
            </p>
          ) : null}
        </>
      }
    >
      <form action={formAction}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="version" value={version} />
        <SubmitButton variant="destructive" pendingLabel="Deleting…">
          Delete workload
        </SubmitButton>
      </form>
    </ConfirmDialog>
  );
}
