import "server-only";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { clearSignInFailures, recordSignInFailure } from "@/lib/auth/sign-in/sign-in-throttle";
import { getDb } from "@/lib/db/client";
import { ZEmail } from "@/lib/schemas/user";

export type SignedInUser = { id: string; email: string; name: string };

/**
 * The user whose password this is, or null; every failure looks the same to
 * the caller. `client` says who asked, for the throttle and the audit trail.
 */
export async function verifyCredentials(
  emailInput: unknown,
  passwordInput: unknown,
  client: { address: string; requestId: string },
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
  const attempt = { email: email.data, address: client.address };
  if (!user || !valid || user.disabled) {
    await recordSignInFailure({
      ...attempt,
      userId: user?.id ?? null,
      requestId: client.requestId,
    });
    return null;
  }
  await clearSignInFailures(attempt);
  return { id: user.id, email: user.email, name: user.name };
}
