"use client";

import { useActionState, useEffect } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/lib/http/action-state";

/** "Check now": queues a check through the server action, then hands over to polling. */
export function DriftCheckButton({
  action,
  targetId,
  checking,
  onQueued,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  targetId: string;
  checking: boolean;
  onQueued: () => void;
}) {
  const [state, formAction] = useActionState(action, idleState);
  useEffect(() => {
    if (state.status === "success") onQueued();
  }, [state, onQueued]);
  return (
    <form action={formAction} className="grid gap-1">
      <input type="hidden" name="targetId" value={targetId} />
      <SubmitButton variant="outline" pendingLabel="Queuing…" disabled={checking}>
        {checking ? "Checking…" : "Check now"}
      </SubmitButton>
      {state.status === "error" ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
