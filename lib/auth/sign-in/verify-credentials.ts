import "server-only";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { recordLoginFailure } from "@/lib/auth/sign-in/login-rate-limits";
import { getDb } from "@/lib/db/client";
import { ZEmail } from "@/lib/schemas/user";

export type SignedInUser = { id: string; email: string; name: string };

/** The user whose password this is, or null; every failure looks the same to the caller. */
export async function verifyCredentials(
  emailInput: unknown,
  passwordInput: unknown,
): Promise<SignedInUser | null> {
  const email = ZEmail.safeParse(emailInput);
  if (!email.success || typeof passwordInput !== "string" || passwordInput.length > 256)
    return null;
  const user = await getDb().user.findUnique({
    where: { email: email.data },
    select: { id: true, email: true, name: true, disabled: true, passwordHash: true },
  });
  const valid = user?.passwordHash
    ? await verifyPassword(passwordInput, user.passwordHash)
    : (await burnPasswordCheck(passwordInput), false);
  if (!user || !valid || user.disabled) {
    await recordLoginFailure(email.data);
    return null;
  }
  return { id: user.id, email: user.email, name: user.name };
}
