import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardTitle } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/current-actor";
import { returnToParam, safeReturnPath } from "@/lib/auth/sign-in/return-to";
import { hasAnyUser } from "@/lib/auth/users/setup-first-admin";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  CredentialsSignin: "Email or password is wrong, or the account is disabled.",
  AccessDenied:
    "Your identity provider account is not allowed here (disabled, or no verified email).",
  SessionRequired: "Sign in to continue.",
};

type SearchParams = Record<string, string | string[] | undefined>;

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  if (!(await hasAnyUser())) redirect("/setup");
  const params = await searchParams;
  const returnTo = safeReturnPath(params[returnToParam]);
  if (await currentActor()) redirect(returnTo);
  const env = getEnv();
  const error =
    typeof params.error === "string"
      ? (errorMessages[params.error] ?? "Sign-in failed. Try again.")
      : undefined;
  return (
    <Card>
      <CardTitle>Sign in</CardTitle>
      <SignInForm
        initialError={error}
        initialNotice={
          params.setup === "done" ? "Admin account created. Sign in with it." : undefined
        }
        initialEmail={typeof params.email === "string" ? params.email.slice(0, 320) : ""}
        returnTo={returnTo}
        ssoName={env.FEDLENS_OIDC_ISSUER ? env.FEDLENS_OIDC_NAME : undefined}
      />
    </Card>
  );
}
