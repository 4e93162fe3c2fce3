"use client";

import { useActionState } from "react";
import { ConnectionSecretFields } from "@/components/connections/connection-secret-fields";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Timestamp } from "@/components/ui/timestamp";
import type { Cloud } from "@/lib/clouds/types";
import { idleState, type ActionState } from "@/lib/http/action-state";

/**
 * Store a new secret for a connection. What is stored is never shown: only
 * that a secret exists and when it was last replaced.
 */
export function ReplaceSecretForm({
  action,
  id,
  cloud,
  identity,
  replacedAt,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  id: string;
  cloud: Cloud;
  identity: string | null;
  /** Null when the connection is ambient (no secret stored yet). */
  replacedAt: string | null;
}) {
  const [state, formAction] = useActionState(action, idleState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid max-w-2xl gap-4">
      <p className="text-sm">
        {replacedAt ? (
          <>
            A secret is stored
            {identity ? (
              <>
                {" "}
                for <code className="font-mono">{identity}</code>
              </>
            ) : null}
            , last replaced <Timestamp iso={replacedAt} />.
          </>
        ) : (
          <>
            No secret is stored: this connection signs in with the environment Fedlens runs in.
            Storing one switches it to the stored secret.
          </>
        )}
      </p>
      {state.message ? (
        <Alert variant={state.status === "error" ? "error" : "success"}>{state.message}</Alert>
      ) : null}
      <input type="hidden" name="id" value={id} />
      {/* A form action resets the form once it is done: nothing typed stays on the page. */}
      <ConnectionSecretFields
        cloud={cloud}
        prefix=""
        errors={errors}
        identity={cloud === "aws" ? undefined : (identity ?? undefined)}
        isStored={false}
      />
      <div>
        <SubmitButton pendingLabel="Replacing…">
          {replacedAt ? "Replace secret" : "Store secret"}
        </SubmitButton>
      </div>
    </form>
  );
}
