import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { resolveSession } from "@/lib/auth/session";
import { readCookie, sessionCookieName } from "@/lib/auth/session-cookie";
import { resolveApiToken } from "@/lib/auth/tokens/resolve-api-token";
import { AppError } from "@/lib/errors";

export type Authentication = { actor: Actor; via: "session" | "token" };

/**
 * A bearer token wins over a cookie; a bad bearer token is an error rather
 * than a silent fall-back to the cookie, so automation never acts as a person.
 */
export async function authenticateRequest(request: Request): Promise<Authentication | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw new AppError("unauthenticated", { message: "Use Authorization: Bearer <API token>." });
    }
    const actor = await resolveApiToken(match[1]);
    if (!actor)
      throw new AppError("unauthenticated", {
        message: "The API token is unknown, expired or revoked.",
      });
    return { actor, via: "token" };
  }
  const cookie = readCookie(request.headers.get("cookie"), sessionCookieName());
  const actor = await resolveSession(cookie);
  return actor ? { actor, via: "session" } : null;
}
