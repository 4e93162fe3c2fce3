"use client";

import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/lib/http/action-state";

/** "Take ownership" of a binding's cloud object, confirmed, posting the version shown. */
export function AdoptBindingButton({
  action,
  id,
  version,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  id: string;
  version: number;
}) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <ConfirmDialog
      triggerLabel="Take ownership"
      triggerVariant="outline"
      title="Let Fedlens manage this cloud object?"
      description={
        <>
          <p>
            Fedlens did not create or import it, so sync only reports how it differs. Once Fedlens
            owns it, the next applied plan changes it to match the catalogue, and deleting the
            binding plans its deletion. Nothing changes in the cloud now.
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
        <SubmitButton pendingLabel="Saving…">Take ownership</SubmitButton>
      </form>
    </ConfirmDialog>
  );
}
