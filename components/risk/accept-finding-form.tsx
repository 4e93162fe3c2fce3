"use client";

import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useKeptFormAction } from "@/components/ui/use-kept-form-action";
import type { ActionState } from "@/lib/http/action-state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Accept one finding with a reason, until a date (at most a year ahead). */
export function AcceptFindingForm({
  action,
  findingId,
  defaultExpiry,
}: {
  action: Action;
  findingId: string;
  defaultExpiry: string;
}) {
  const { state, formAction, onSubmit, pending } = useKeptFormAction(action);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  if (state.status === "success") return <Alert>{state.message}</Alert>;
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid gap-3">
      <input type="hidden" name="id" value={findingId} />
      {state.status === "error" && state.message ? (
        <Alert variant="error">{state.message}</Alert>
      ) : null}
      <fieldset disabled={pending} className="m-0 grid gap-3 border-0 p-0">
        <Field id={`reason-${findingId}`} label="Why is this risk accepted?" error={errors.reason}>
          <Textarea name="reason" required maxLength={500} rows={2} defaultValue={values.reason} />
        </Field>
        <Field id={`expires-${findingId}`} label="Accepted until" error={errors.expiresAt}>
          <Input
            type="date"
            name="expiresAt"
            required
            defaultValue={values.expiresAt ?? defaultExpiry}
            className="w-48"
          />
        </Field>
        <div>
          <SubmitButton disabled={pending} pendingLabel="Accepting…">
            Accept risk
          </SubmitButton>
        </div>
      </fieldset>
    </form>
  );
}
