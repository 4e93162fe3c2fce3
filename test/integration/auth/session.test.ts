import { randomBytes } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { resolveSession, revokeSession, sessionPolicy } from "@/lib/auth/session";
import { readCookie, sessionCookieName } from "@/lib/auth/session-cookie";
import { getDb } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { createTestSessionCookie, createTestUser, type TestUser } from "@/test/factories/users";

type SignedIn = { owner: TestUser; cookie: string; sessionId: string };

/** A user with a fresh session: the bare cookie value resolveSession reads, and the row id. */
async function signIn(owner?: TestUser): Promise<SignedIn> {
  const user = owner ?? (await createTestUser());
  const cookie = readCookie(await createTestSessionCookie(user), sessionCookieName());
  if (!cookie) throw new Error("the factory did not set the session cookie");
  const payload = await decode({ token: cookie, secret: authSecret() });
  if (typeof payload?.sid !== "string") throw new Error("the session cookie carries no sid");
  return { owner: user, cookie, sessionId: payload.sid };
}

const ago = (ms: number) => new Date(Date.now() - ms);

async function lastSeenAt(sessionId: string): Promise<Date> {
  const row = await getDb().session.findUniqueOrThrow({ where: { id: sessionId } });
  return row.lastSeenAt;
}

describe("resolveSession", () => {
  it("resolves a valid session to a user actor whose role is read from the database each time", async () => {
    const { owner, cookie } = await signIn(await createTestUser({ role: "viewer" }));
    expect(await resolveSession(cookie)).toEqual({
      type: "user",
      id: owner.user.id,
      userId: owner.user.id,
      label: owner.user.email,
      role: "viewer",
    });

    await getDb().user.update({ where: { id: owner.user.id }, data: { role: "admin" } });
    expect((await resolveSession(cookie))?.role).toBe("admin");

    await getDb().user.update({ where: { id: owner.user.id }, data: { role: "operator" } });
    expect((await resolveSession(cookie))?.role).toBe("operator");
  });

  it("keeps a session alive that has been idle for just under 30 minutes", async () => {
    const { cookie, sessionId } = await signIn();
    await getDb().session.update({
      where: { id: sessionId },
      data: { lastSeenAt: ago(sessionPolicy.idleMs - 60_000) },
    });
    expect(await resolveSession(cookie)).not.toBeNull();
  });

  // Each case first proves the session resolves, so the null comes from the change.
  it.each<[string, (signedIn: SignedIn) => Promise<unknown>]>([
    [
      "has been idle for more than 30 minutes",
      ({ sessionId }) =>
        getDb().session.update({
          where: { id: sessionId },
          data: { lastSeenAt: ago(sessionPolicy.idleMs + 1_000) },
        }),
    ],
    [
      "is past its absolute expiry although recently used",
      ({ sessionId }) =>
        getDb().session.update({
          where: { id: sessionId },
          data: { createdAt: ago(13 * 60 * 60 * 1000), expiresAt: ago(1_000) },
        }),
    ],
    ["has been revoked", ({ sessionId }) => revokeSession(sessionId)],
    [
      "belongs to a disabled user",
      ({ owner }) =>
        getDb().user.update({ where: { id: owner.user.id }, data: { disabled: true } }),
    ],
    ["no longer exists", ({ sessionId }) => getDb().session.delete({ where: { id: sessionId } })],
  ])("returns null for a session that %s", async (_name, change) => {
    const signedIn = await signIn();
    expect(await resolveSession(signedIn.cookie)).not.toBeNull();
    await change(signedIn);
    expect(await resolveSession(signedIn.cookie)).toBeNull();
  });

  it("does not write last_seen_at when it was touched less than 60 seconds ago", async () => {
    const { cookie, sessionId } = await signIn();
    const recent = ago(sessionPolicy.touchEveryMs - 20_000);
    await getDb().session.update({ where: { id: sessionId }, data: { lastSeenAt: recent } });
    expect(await resolveSession(cookie)).not.toBeNull();
    expect(await lastSeenAt(sessionId)).toEqual(recent);
  });

  it("moves last_seen_at to now when it is older than 60 seconds", async () => {
    const { cookie, sessionId } = await signIn();
    const stale = ago(sessionPolicy.touchEveryMs + 60_000);
    await getDb().session.update({ where: { id: sessionId }, data: { lastSeenAt: stale } });
    const before = Date.now();
    expect(await resolveSession(cookie)).not.toBeNull();
    expect((await lastSeenAt(sessionId)).getTime()).toBeGreaterThanOrEqual(before);
  });
});

describe("resolveSession with a cookie it did not issue", () => {
  it.each([undefined, "", "not-a-jwt", "a.b.c.d.e"])("returns null for %j", async (value) => {
    expect(await resolveSession(value)).toBeNull();
  });

  it("returns null for a cookie naming a live session but signed with another secret", async () => {
    const { owner, sessionId } = await signIn();
    const forged = await encode({
      token: { sub: owner.user.id, sid: sessionId },
      secret: randomBytes(32).toString("base64url"),
    });
    expect(await resolveSession(forged)).toBeNull();
  });

  it("returns null for a valid cookie with one character of its ciphertext changed", async () => {
    const { cookie } = await signIn();
    expect(await resolveSession(cookie)).not.toBeNull();
    // Compact JWE: header.encryptedKey.iv.ciphertext.tag (RFC 7516 §7.1).
    const parts = cookie.split(".");
    const ciphertext = parts[3] ?? "";
    const middle = Math.floor(ciphertext.length / 2);
    const flipped = ciphertext[middle] === "A" ? "B" : "A";
    parts[3] = ciphertext.slice(0, middle) + flipped + ciphertext.slice(middle + 1);
    expect(await resolveSession(parts.join("."))).toBeNull();
  });

  it.each<[string, unknown]>([
    ["a word", "not-a-uuid"],
    ["SQL", "'; DELETE FROM session; --"],
    ["36 dashes", "-".repeat(36)],
    ["36 hex digits without dashes", "0".repeat(36)],
    ["dashes in the wrong places", "0000-00000000-0000-0000-000000000000"],
    ["a number", 12345],
    ["nothing", undefined],
  ])("returns null for a correctly signed cookie whose session id is %s", async (_name, sid) => {
    const { owner } = await signIn();
    const token = await encode({ token: { sub: owner.user.id, sid }, secret: authSecret() });
    await expect(resolveSession(token)).resolves.toBeNull();
  });

  it("returns null for a correctly signed cookie naming an unknown session", async () => {
    const { owner } = await signIn();
    const token = await encode({
      token: { sub: owner.user.id, sid: "00000000-0000-4000-8000-000000000000" },
      secret: authSecret(),
    });
    expect(await resolveSession(token)).toBeNull();
  });
});
