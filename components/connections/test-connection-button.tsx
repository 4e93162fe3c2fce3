"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/lib/http/action-state";

/** Runs the test; the page shows the stored result, this only says it ran. */
export function TestConnectionButton({
  action,
  id,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  id: string;
}) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="outline" pendingLabel="Testing…">
        Test connection
      </SubmitButton>
      {state.message ? (
        <span
          role="status"
          className={state.status === "error" ? "text-sm text-destructive" : "text-sm"}
        >
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
