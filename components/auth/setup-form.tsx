"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/lib/http/action-state";

export function SetupForm({
  action,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction] = useActionState(action, idleState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid gap-4">
      {state.status === "error" && state.message ? (
        <Alert variant="error">{state.message}</Alert>
      ) : null}
      <Field id="name" label="Name" error={errors.name}>
        <Input
          name="name"
          autoComplete="name"
          required
          defaultValue={state.values?.name}
          autoFocus
        />
      </Field>
      <Field id="email" label="Email" error={errors.email}>
        <Input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email}
        />
      </Field>
      <Field id="password" label="Password" help="At least 12 characters." error={errors.password}>
        <Input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
        />
      </Field>
      <SubmitButton pendingLabel="Creating…">Create admin</SubmitButton>
    </form>
  );
}
