"use server";

import { redirect } from "next/navigation";
import { setupFirstAdmin } from "@/lib/auth/users/setup-first-admin";
import { definePublicAction } from "@/lib/http/define-action";
import { ZSetupInput } from "@/lib/schemas/user";

// Open to anyone, but setupFirstAdmin refuses once any user exists.
export const setupAction = definePublicAction({
  schema: ZSetupInput,
  handler: async ({ input, requestId }) => {
    const admin = await setupFirstAdmin({ input, requestId, via: "setup" });
    redirect(`/sign-in?setup=done&email=${encodeURIComponent(admin.email)}`);
  },
});
