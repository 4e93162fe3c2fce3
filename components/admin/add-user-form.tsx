"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError } from "@/lib/api-client";
import { roles, type Role } from "@/lib/auth/roles";
import { useCreateUser } from "@/lib/hooks/use-create-user";

export function AddUserForm() {
  const create = useCreateUser();
  const [created, setCreated] = useState<string | null>(null);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setCreated(null);
    create.mutate(
      {
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? ""),
        role: String(form.get("role") ?? "viewer") as Role,
        password: String(form.get("password") ?? ""),
      },
      {
        onSuccess: (user) => {
          setCreated(user.email);
          formElement.reset();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      {create.error ? (
        <Alert variant="error" className="sm:col-span-2">
          {create.error.message}
        </Alert>
      ) : null}
      {created ? (
        <Alert variant="success" className="sm:col-span-2">
          Added {created}. Share the password with them through a safe channel.
        </Alert>
      ) : null}
      <Field id="new-email" label="Email" error={errors.email}>
        <Input name="email" type="email" required autoComplete="off" disabled={create.isPending} />
      </Field>
      <Field id="new-name" label="Name" error={errors.name}>
        <Input name="name" required autoComplete="off" disabled={create.isPending} />
      </Field>
      <Field id="new-role" label="Role" error={errors.role}>
        <Select name="role" defaultValue="viewer" disabled={create.isPending}>
          {roles.map((role) => (
            <option key={role}>{role}</option>
          ))}
        </Select>
      </Field>
      <Field
        id="new-password"
        label="Initial password"
        error={errors.password}
        help="At least 12 characters."
      >
        <Input
          name="password"
          type="password"
          required
          autoComplete="new-password"
          disabled={create.isPending}
        />
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
          {create.isPending ? "Adding…" : "Add user"}
        </Button>
      </div>
    </form>
  );
}
