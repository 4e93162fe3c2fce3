import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { weakerRole } from "@/lib/auth/roles";
import { hashTokenSecret, tokenPattern } from "@/lib/auth/tokens/token-secret";
import { getDb } from "@/lib/db/client";

const touchEveryMs = 60 * 1000;

/**
 * The actor behind a bearer token, or null when it is unknown, revoked,
 * expired or its owner is disabled.
 */
export async function resolveApiToken(secret: string): Promise<Actor | null> {
  if (!tokenPattern.test(secret)) return null;
  const db = getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashTokenSecret(secret) },
    select: {
      id: true,
      name: true,
      role: true,
      revokedAt: true,
      lastUsedAt: true,
      expiresAt: true,
      createdBy: { select: { id: true, role: true, disabled: true } },
    },
  });
  const now = Date.now();
  if (!token || token.revokedAt || token.createdBy.disabled) return null;
  if (token.expiresAt && token.expiresAt.getTime() <= now) return null;
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > touchEveryMs) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    type: "token",
    id: token.id,
    userId: token.createdBy.id,
    label: `token:${token.name}`,
    // A token never outranks its creator's current role (SECURITY.md 3.3).
    role: weakerRole(token.role, token.createdBy.role),
  };
}
