import "server-only";
import { systemActor } from "@/lib/auth/actor";
import { insertUser } from "@/lib/auth/users/insert-user";
import { inTransaction } from "@/lib/db/transaction";
import { getEnv } from "@/lib/env";
import { ZEmail } from "@/lib/schemas/user";

export const ssoProviderId = "sso";

export type SsoProfile = { subject: string; email: unknown; emailVerified: unknown; name: unknown };

/**
 * The local user for an SSO identity: the linked one, else the user with the
 * same verified email, else a new viewer (admin when listed in
 * FEDLENS_OIDC_ADMIN_EMAILS). Null when the user is disabled or the IdP gave
 * no verified email.
 */
export async function provisionSsoUser(
  profile: SsoProfile,
  requestId: string,
): Promise<string | null> {
  return inTransaction(undefined, async (tx) => {
    const linked = await tx.account.findUnique({
      where: {
        provider_providerAccountId: { provider: ssoProviderId, providerAccountId: profile.subject },
      },
      select: { user: { select: { id: true, disabled: true } } },
    });
    if (linked) return linked.user.disabled ? null : linked.user.id;
    const email = ZEmail.safeParse(profile.email);
    if (!email.success || profile.emailVerified === false) return null;
    const existing = await tx.user.findUnique({
      where: { email: email.data },
      select: { id: true, disabled: true },
    });
    if (existing && (existing.disabled || profile.emailVerified !== true)) return null;
    const userId =
      existing?.id ??
      (
        await insertUser(tx, {
          actor: systemActor("sso"),
          requestId,
          input: {
            email: email.data,
            name:
              typeof profile.name === "string" && profile.name.trim()
                ? profile.name.trim().slice(0, 200)
                : email.data,
            role: getEnv().FEDLENS_OIDC_ADMIN_EMAILS.includes(email.data) ? "admin" : "viewer",
          },
        })
      ).id;
    await tx.account.create({
      data: { userId, provider: ssoProviderId, providerAccountId: profile.subject },
    });
    return userId;
  });
}
