"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/lib/http/action-state";

/** "Check now": fetches the issuer's keys and says how it went; the card above refreshes. */
export function CheckKeysButton({
  action,
  issuerId,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  issuerId: string;
}) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={issuerId} />
      <SubmitButton variant="outline" size="sm" pendingLabel="Checking…">
        Check now
      </SubmitButton>
      <p
        role="status"
        aria-live="polite"
        className={state.status === "error" ? "text-sm text-destructive" : "text-sm"}
      >
        {state.message ?? ""}
      </p>
    </form>
  );
}
