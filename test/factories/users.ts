import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Actor } from "@/lib/auth/actor";
import { systemActor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { createSession } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createApiToken } from "@/lib/auth/tokens/create-api-token";
import { insertUser } from "@/lib/auth/users/insert-user";
import { getDb } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import type { TUser } from "@/lib/schemas/user";

let counter = 0;

export type TestUser = { user: TUser; actor: Actor; password: string };

/** A user with a unique email and a known password; `password: null` makes an SSO-only user. */
export async function createTestUser(
  options: { role?: Role; email?: string; password?: string | null } = {},
): Promise<TestUser> {
  counter += 1;
  const password =
    options.password === undefined ? `password-${counter}-long-enough` : options.password;
  const email = options.email ?? `user${counter}-${randomUUID().slice(0, 8)}@example.test`;
  const role = options.role ?? "viewer";
  const user = await getDb().$transaction((tx) =>
    insertUser(tx, {
      actor: systemActor("test"),
      requestId: randomUUID(),
      input: { email, name: `Test User ${counter}`, role, password: password ?? undefined },
    }),
  );
  return {
    user,
    password: password ?? "",
    actor: { type: "user", id: user.id, userId: user.id, label: user.email, role },
  };
}

/** A bearer token for the user, made the way an admin would. */
export async function createTestToken(
  owner: TestUser,
  role: Role = owner.user.role,
): Promise<string> {
  const token = await createApiToken({
    actor: systemActor("test"),
    requestId: randomUUID(),
    input: { name: `token-${randomUUID().slice(0, 8)}`, role },
    ownerId: owner.user.id,
  });
  return token.token;
}

/** A signed-in session, as the Cookie header value next-auth would have set. */
export async function createTestSessionCookie(owner: TestUser): Promise<string> {
  const sid = await createSession({ db: getDb(), userId: owner.user.id });
  const value = await encode({ token: { sub: owner.user.id, sid }, secret: authSecret() });
  return `${sessionCookieName()}=${value}`;
}
