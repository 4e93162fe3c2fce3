import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardTitle } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/current-actor";
import { hasAnyUser } from "@/lib/auth/users/setup-first-admin";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  CredentialsSignin: "Email or password is wrong, or the account is disabled.",
  AccessDenied:
    "Your identity provider account is not allowed here (disabled, or no verified email).",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; email?: string; setup?: string }>;
}) {
  if (!(await hasAnyUser(getDb()))) redirect("/setup");
  if (await currentActor()) redirect("/");
  const params = await searchParams;
  const env = getEnv();
  const error = params.error
    ? (errorMessages[params.error] ?? "Sign-in failed. Try again.")
    : undefined;
  return (
    <Card>
      <CardTitle>Sign in</CardTitle>
      {params.setup === "done" ? (
        <p role="status" className="mb-4 text-sm text-muted-foreground">
          Admin account created. Sign in with it.
        </p>
      ) : null}
      <SignInForm
        initialError={error}
        initialEmail={typeof params.email === "string" ? params.email.slice(0, 320) : ""}
        ssoName={env.FEDLENS_OIDC_ISSUER ? env.FEDLENS_OIDC_NAME : undefined}
      />
    </Card>
  );
}
