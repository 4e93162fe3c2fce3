import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { Card, CardTitle } from "@/components/ui/card";
import { hasAnyUser } from "@/lib/auth/users/setup-first-admin";
import { setupAction } from "./actions";

export const metadata: Metadata = { title: "First-run setup" };

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/sign-in");
  return (
    <Card>
      <CardTitle>Create the first admin</CardTitle>
      <p className="mb-4 text-sm text-muted-foreground">
        Fedlens has no users yet. This account can add others and assign roles.
      </p>
      <SetupForm action={setupAction} />
    </Card>
  );
}
