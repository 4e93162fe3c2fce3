"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

// Posts to next-auth's credentials callback ourselves (rather than
// next-auth/react's signIn) so a 429 from the login throttle reaches the user.

/** POSTs a form to one of next-auth's endpoints with its CSRF token, asking for JSON back. */
async function postToAuth(
  path: string,
  fields: Record<string, string>,
  returnTo: string,
): Promise<Response> {
  const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  return fetch(`/api/auth/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      ...fields,
      csrfToken: csrf.csrfToken,
      callbackUrl: returnTo,
      json: "true",
    }),
  });
}

async function postCredentials(
  email: string,
  password: string,
  returnTo: string,
): Promise<string | null> {
  const response = await postToAuth("callback/credentials", { email, password }, returnTo);
  if (response.status === 429) {
    const problem = (await response.json()) as { detail?: string };
    return problem.detail ?? "Too many sign-in attempts. Wait a few minutes.";
  }
  const result = (await response.json().catch(() => ({}))) as { url?: string };
  if (
    !response.ok ||
    !result.url ||
    new URL(result.url, window.location.href).searchParams.has("error")
  ) {
    return "Email or password is wrong, or the account is disabled.";
  }
  return null;
}

async function startSso(returnTo: string): Promise<void> {
  const { url } = (await (await postToAuth("signin/sso", {}, returnTo)).json()) as { url: string };
  window.location.assign(url);
}

export function SignInForm({
  initialError,
  initialNotice,
  initialEmail,
  returnTo,
  ssoName,
}: {
  initialError?: string;
  /** A note from the page before (first-run setup); gone once the user tries to sign in. */
  initialNotice?: string;
  initialEmail: string;
  /** A local path, already checked by the page. */
  returnTo: string;
  ssoName?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [notice, setNotice] = useState(initialNotice);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const failure = await postCredentials(
        String(form.get("email") ?? ""),
        String(form.get("password") ?? ""),
        returnTo,
      );
      if (failure) {
        setError(failure);
        setPending(false);
      } else {
        router.replace(returnTo);
        router.refresh();
      }
    } catch {
      setError("Could not reach Fedlens. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <div className="grid gap-4">
      {notice ? (
        <p role="status" className="text-sm text-muted-foreground">
          {notice}
        </p>
      ) : null}
      {error ? <Alert variant="error">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="grid gap-4" noValidate>
        <Field id="email" label="Email">
          <Input
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={initialEmail}
            autoFocus
            disabled={pending}
          />
        </Field>
        <Field id="password" label="Password">
          <Input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            disabled={pending}
          />
        </Field>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {ssoName ? (
        <Button variant="outline" onClick={() => void startSso(returnTo)}>
          Sign in with {ssoName}
        </Button>
      ) : null}
    </div>
  );
}
