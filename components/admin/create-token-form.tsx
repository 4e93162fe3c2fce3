"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError } from "@/lib/api-client";
import { roles, type Role } from "@/lib/auth/roles";
import { useCreateApiToken } from "@/lib/hooks/use-create-api-token";

export function CreateTokenForm() {
  const create = useCreateApiToken();
  // Held in component state only until dismissed; never cached or stored.
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      { name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "viewer") as Role },
      {
        onSuccess: (token) => {
          setSecret(token.token);
          setCopied(false);
          formElement.reset();
          create.reset();
        },
      },
    );
  }

  return (
    <div className="grid gap-4">
      {secret ? (
        <Alert variant="warning">
          <p className="mb-2 font-medium">Copy this token now: it is shown only once.</p>
          <code
            aria-label="New API token"
            className="block rounded bg-card px-3 py-2 font-mono text-xs break-all"
          >
            {secret}
          </code>
          <div className="mt-3 flex gap-2">
            <Button
              size="sm"
              variant="outline"
              onClick={() => void navigator.clipboard.writeText(secret).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setSecret(null)}>
              I have stored it
            </Button>
          </div>
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4" noValidate>
        {create.error ? (
          <Alert variant="error" className="w-full">
            {create.error.message}
          </Alert>
        ) : null}
        <Field id="token-name" label="Name" error={errors.name}>
          <Input
            name="name"
            required
            placeholder="e.g. ci-pipeline"
            autoComplete="off"
            className="w-64"
          />
        </Field>
        <Field id="token-role" label="Role" error={errors.role}>
          <Select name="role" defaultValue="viewer" className="w-40">
            {roles.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}
