"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Timestamp } from "@/components/ui/timestamp";
import { ApiError } from "@/lib/api-client";
import { roles, type Role } from "@/lib/auth/roles";
import { useCreateApiToken } from "@/lib/hooks/use-create-api-token";
import { tokenLifetimeDays } from "@/lib/schemas/api-token";

const lifetimes = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
] as const;

function expiresInDays(value: FormDataEntryValue | null): number | null {
  return value === "never" ? null : Number(value ?? tokenLifetimeDays.default);
}

export function CreateTokenForm() {
  const create = useCreateApiToken();
  // Held in component state only until dismissed; never cached or stored.
  const [created, setCreated] = useState<{ secret: string; expiresAt: string | null } | null>(null);
  const [copied, setCopied] = useState(false);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      {
        name: String(form.get("name") ?? ""),
        role: String(form.get("role") ?? "viewer") as Role,
        expiresInDays: expiresInDays(form.get("expiresInDays")),
      },
      {
        onSuccess: (token) => {
          setCreated({ secret: token.token, expiresAt: token.expiresAt });
          setCopied(false);
          formElement.reset();
          create.reset();
        },
      },
    );
  }

  return (
    <div className="grid gap-4">
      {created ? (
        <Alert variant="warning">
          <p className="mb-2 font-medium">Copy this token now: it is shown only once.</p>
          <code
            aria-label="New API token"
            className="block rounded bg-card px-3 py-2 font-mono text-xs break-all"
          >
            {created.secret}
          </code>
          <p className="mt-2 text-sm">
            {created.expiresAt ? (
              <>
                It stops working at <Timestamp iso={created.expiresAt} />.
              </>
            ) : (
              "It never expires: revoke it when it is no longer needed."
            )}
          </p>
          <div className="mt-3 flex gap-2">
            <Button
              size="sm"
              variant="outline"
              onClick={() =>
                void navigator.clipboard.writeText(created.secret).then(() => setCopied(true))
              }
            >
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setCreated(null)}>
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
        <Field id="token-expires" label="Expires after" error={errors.expiresInDays}>
          <Select
            name="expiresInDays"
            defaultValue={String(tokenLifetimeDays.default)}
            className="w-36"
          >
            {lifetimes.map((lifetime) => (
              <option key={lifetime.value} value={lifetime.value}>
                {lifetime.label}
              </option>
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
