import "server-only";
import { decode } from "next-auth/jwt";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { isUuid } from "@/lib/schemas/common";

// next-auth's cookie only carries the id of a server-side session row, so a
// session can be revoked, idles out after 30 minutes and ends after 12 hours
// whatever the cookie says (SECURITY.md 3.4). The role is read from the user
// row on every request, so a demotion takes effect at once.
export const sessionPolicy = {
  absoluteMs: 12 * 60 * 60 * 1000,
  idleMs: 30 * 60 * 1000,
  // Writing last_seen_at on every request would turn reads into writes.
  touchEveryMs: 60 * 1000,
} as const;

export async function createSession({
  db,
  userId,
}: {
  db: DbOrTx;
  userId: string;
}): Promise<string> {
  const now = Date.now();
  const session = await db.session.create({
    data: { userId, expiresAt: new Date(now + sessionPolicy.absoluteMs) },
    select: { id: true },
  });
  return session.id;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await getDb().session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export async function sessionIdFromCookie(cookieValue: string | undefined): Promise<string | null> {
  if (!cookieValue) return null;
  try {
    const payload = await decode({ token: cookieValue, secret: authSecret() });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    // A cookie from an old secret or a tampered one is simply no session.
    return null;
  }
}

export async function resolveSession(cookieValue: string | undefined): Promise<Actor | null> {
  const sessionId = await sessionIdFromCookie(cookieValue);
  if (!sessionId || !isUuid(sessionId)) return null;
  const db = getDb();
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, role: true, disabled: true } },
    },
  });
  const now = Date.now();
  if (
    !session ||
    session.revokedAt ||
    session.user.disabled ||
    session.expiresAt.getTime() <= now ||
    session.lastSeenAt.getTime() + sessionPolicy.idleMs <= now
  ) {
    return null;
  }
  if (now - session.lastSeenAt.getTime() > sessionPolicy.touchEveryMs) {
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } });
  }
  const { user } = session;
  return { type: "user", id: user.id, userId: user.id, label: user.email, role: user.role };
}
