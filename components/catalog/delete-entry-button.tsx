"use client";

import { useActionState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/lib/http/action-state";

/**
 * Delete for a catalogue entry (issuer, workload, target, binding): a
 * confirmation dialog whose form posts the id and the version it was shown,
 * so a stale delete is refused like a stale edit.
 */
export function DeleteEntryButton({
  action,
  id,
  version,
  name,
  noun,
  note,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  id: string;
  version: number;
  name: string;
  noun: "issuer" | "workload" | "target" | "binding" | "connection";
  /** Why deleting may be refused, e.g. bindings that must go first. */
  note?: ReactNode;
}) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <ConfirmDialog
      triggerLabel="Delete"
      title={`Delete ${name}?`}
      description={
        <>
          <p>
            {noun === "connection"
              ? "Fedlens forgets how to reach this cloud, and its stored secret; nothing changes in the cloud."
              : `The ${noun} leaves the catalogue; nothing changes in the cloud.`}{" "}
            The audit trail keeps a record of it.
            {note ? <> {note}</> : null}
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
          Delete {noun}
        </SubmitButton>
      </form>
    </ConfirmDialog>
  );
}
