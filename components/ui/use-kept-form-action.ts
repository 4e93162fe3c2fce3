"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { idleState, type ActionState } from "@/lib/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/**
 * A server action for a form whose fields must survive a failed submit.
 * Posting through a transition instead of <form action> keeps React 19 from
 * resetting the form afterwards, which would put controlled <select>s back on
 * their first option while their state stays put. Keep `action={formAction}`
 * on the form too, so it still posts without JavaScript.
 */
export function useKeptFormAction(action: Action) {
  const [state, formAction, pending] = useActionState(action, idleState);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }
  return { state, formAction, onSubmit, pending };
}
