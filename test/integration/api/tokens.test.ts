import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as issuers from "@/app/api/v1/issuers/route";
import * as me from "@/app/api/v1/me/route";
import * as item from "@/app/api/v1/tokens/[id]/route";
import * as collection from "@/app/api/v1/tokens/route";
import { updateUser } from "@/lib/auth/users/update-user";
import { getDb } from "@/lib/db/client";
import {
  createTestSessionCookie,
  createTestToken,
  createTestUser,
  type TestUser,
} from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";

type CreatedToken = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  token: string;
  createdAt: string;
  expiresAt: string | null;
};
type ListedToken = Record<string, unknown> & { id: string; revokedAt: string | null };

let root: TestUser;
let adminToken: string;

beforeAll(async () => {
  root = await createTestUser({ role: "admin" });
  adminToken = await createTestToken(root);
});

async function createToken(
  role: string,
  token = adminToken,
  extra: Record<string, unknown> = {},
): Promise<CreatedToken> {
  const response = await call(collection.POST, {
    method: "POST",
    path: "/api/v1/tokens",
    token,
    body: { name: `api-${randomUUID().slice(0, 8)}`, role, ...extra },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedToken;
}

function revoke(id: string, token = adminToken) {
  return call(item.DELETE, {
    method: "DELETE",
    path: `/api/v1/tokens/${id}`,
    params: { id },
    token,
  });
}

const dayMs = 24 * 60 * 60 * 1000;
/** Days from the token's creation to its expiry, to the nearest day. */
const lifetimeDays = (token: CreatedToken) =>
  token.expiresAt === null
    ? null
    : Math.round((Date.parse(token.expiresAt) - Date.parse(token.createdAt)) / dayMs);

const whoAmI = (token: string) => call(me.GET, { path: "/api/v1/me", token });
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Rows of each public table whose text form contains `needle`, by table. */
async function tablesContaining(needle: string): Promise<Record<string, number>> {
  const db = getDb();
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'`;
  const found: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = await db.$queryRawUnsafe<{ hits: number }[]>(
      `SELECT count(*)::int AS hits FROM "${tablename}" AS r WHERE strpos(r::text, $1) > 0`,
      needle,
    );
    if (row && row.hits > 0) found[tablename] = row.hits;
  }
  return found;
}

describe("tokens API", () => {
  it("returns the secret once and stores only its SHA-256", async () => {
    const created = await createToken("operator");
    expect(created.token).toMatch(/^fl_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 9));

    const [stored] = await getDb().$queryRaw<{ token_hash: string }[]>`
      SELECT token_hash FROM api_token WHERE id = ${created.id}::uuid`;
    expect(stored?.token_hash).toBe(sha256(created.token));
    // The scan sees the hash (so it reads every row) but never the secret.
    expect(await tablesContaining(sha256(created.token))).toEqual({ api_token: 1 });
    expect(await tablesContaining(created.token)).toEqual({});

    const list = await call(collection.GET, { path: "/api/v1/tokens", token: adminToken });
    const text = await list.clone().text();
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(sha256(created.token));
    const { data } = (await list.json()) as { data: ListedToken[] };
    const listed = data.find((token) => token.id === created.id);
    expect(listed).toMatchObject({ name: created.name, role: "operator", prefix: created.prefix });
    expect(Object.keys(listed ?? {}).join(" ")).not.toMatch(/token|hash|secret/i);
  });

  it("authenticates GET /api/v1/me with the role it was created with", async () => {
    const created = await createToken("operator");
    const response = await whoAmI(created.token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      type: "token",
      id: created.id,
      label: `token:${created.name}`,
      role: "operator",
    });
  });

  it("caps a token's role at its creator's current role", async () => {
    const creator = await createTestUser({ role: "admin" });
    const created = await createToken("admin", await createTestToken(creator));
    const issuer = (name: string) =>
      call(issuers.POST, {
        method: "POST",
        path: "/api/v1/issuers",
        token: created.token,
        body: { name, issuerUrl: `https://${name}.example.com`, kind: "generic" },
      });
    expect((await issuer("before-demotion")).status).toBe(201);

    await updateUser({
      actor: root.actor,
      requestId: randomUUID(),
      id: creator.user.id,
      expectedVersion: 1,
      input: { role: "viewer" },
    });
    expect(await (await whoAmI(created.token)).json()).toMatchObject({ role: "viewer" });
    const refused = await issuer("after-demotion");
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).type).toBe("urn:fedlens:problem:forbidden");
    expect(await getDb().issuer.count({ where: { name: "after-demotion" } })).toBe(0);
  });

  it("revokes with 200, then refuses the token, and a second revoke is a no-op", async () => {
    const created = await createToken("viewer");
    expect((await whoAmI(created.token)).status).toBe(200);

    const first = await revoke(created.id);
    expect(first.status).toBe(200);
    const revoked = (await first.json()) as ListedToken;
    expect(revoked.revokedAt).toEqual(expect.any(String));
    expect(JSON.stringify(revoked)).not.toContain(created.token);

    const refused = await whoAmI(created.token);
    expect(refused.status).toBe(401);
    expect((await problemOf(refused)).type).toBe("urn:fedlens:problem:unauthenticated");

    const second = await revoke(created.id);
    expect(second.status).toBe(200);
    expect(((await second.json()) as ListedToken).revokedAt).toBe(revoked.revokedAt);
    const events = await getDb().auditEvent.count({
      where: { entityId: created.id, action: "api_token.revoke" },
    });
    expect(events).toBe(1);
  });

  it("answers 404 when revoking an unknown id", async () => {
    const response = await revoke(randomUUID());
    expect(response.status).toBe(404);
    expect((await problemOf(response)).type).toBe("urn:fedlens:problem:not-found");
  });

  it.each([
    ["an operator", "operator"],
    ["a viewer", "viewer"],
  ] as const)("refuses every tokens endpoint to %s with 403", async (_, role) => {
    const token = await createTestToken(await createTestUser({ role }));
    const target = await createToken("viewer");
    const responses = [
      await call(collection.GET, { path: "/api/v1/tokens", token }),
      await call(collection.POST, {
        method: "POST",
        path: "/api/v1/tokens",
        token,
        body: { name: "nope", role: "viewer" },
      }),
      await revoke(target.id, token),
    ];
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect((await problemOf(response)).type).toBe("urn:fedlens:problem:forbidden");
    }
    expect(await getDb().apiToken.count({ where: { name: "nope" } })).toBe(0);
    expect((await whoAmI(target.token)).status).toBe(200);
  });
});

describe("token expiry", () => {
  it("expires 90 days after creation unless asked otherwise, and the list shows when", async () => {
    const created = await createToken("viewer");
    expect(lifetimeDays(created)).toBe(90);
    const list = await call(collection.GET, { path: "/api/v1/tokens", token: adminToken });
    const { data } = (await list.json()) as { data: ListedToken[] };
    expect(data.find((token) => token.id === created.id)?.expiresAt).toBe(created.expiresAt);
  });

  it.each([
    [7, 7],
    [365, 365],
    [null, null],
  ])("takes expiresInDays %j", async (expiresInDays, days) => {
    const created = await createToken("viewer", adminToken, { expiresInDays });
    expect(lifetimeDays(created)).toBe(days);
    expect((await whoAmI(created.token)).status).toBe(200);
  });

  it("refuses a token once it has expired, saying it may have", async () => {
    const created = await createToken("viewer", adminToken, { expiresInDays: 1 });
    expect((await whoAmI(created.token)).status).toBe(200);
    await getDb().apiToken.update({
      where: { id: created.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const refused = await whoAmI(created.token);
    expect(refused.status).toBe(401);
    expect(await problemOf(refused)).toMatchObject({
      type: "urn:fedlens:problem:unauthenticated",
      detail: "The API token is unknown, expired or revoked.",
    });
  });

  it.each<[string, unknown, string]>([
    ["zero days", 0, "must be at least 1 day"],
    ["a negative number", -5, "must be at least 1 day"],
    ["over a year", 366, "must be at most 365 days"],
    ["a fraction", 1.5, "must be a whole number of days"],
    ["a string", "90", "must be a whole number of days"],
    ["a boolean", true, "must be a whole number of days"],
  ])("answers 422 for %s as expiresInDays and creates nothing", async (_label, value, reason) => {
    const name = `bad-expiry-${randomUUID().slice(0, 8)}`;
    const response = await call(collection.POST, {
      method: "POST",
      path: "/api/v1/tokens",
      token: adminToken,
      body: { name, role: "viewer", expiresInDays: value },
    });
    expect(response.status).toBe(422);
    expect((await problemOf(response)).invalid_params).toEqual([{ name: "expiresInDays", reason }]);
    expect(await getDb().apiToken.count({ where: { name } })).toBe(0);
  });
});

describe("bearer authentication", () => {
  let cookie: string;

  beforeAll(async () => {
    cookie = await createTestSessionCookie(root);
  });

  it("accepts the session cookie alone and the Bearer scheme in any case (RFC 9110 §11.1)", async () => {
    expect((await call(me.GET, { path: "/api/v1/me", cookie })).status).toBe(200);
    const lower = await call(me.GET, {
      path: "/api/v1/me",
      headers: { authorization: `bearer ${adminToken}` },
    });
    expect(lower.status).toBe(200);
  });

  it.each([
    ["Basic credentials", () => `Basic ${Buffer.from(`${root.user.email}:x`).toString("base64")}`],
    ["a Bearer scheme with no token", () => "Bearer"],
    ["a token with trailing junk", () => `Bearer ${adminToken} extra`],
    ["a token in another scheme", () => `Token ${adminToken}`],
    ["a token of the wrong shape", () => "Bearer not-a-fedlens-token"],
    ["an unknown well-formed token", () => `Bearer fl_${"A".repeat(43)}`],
  ])("answers 401 for %s without falling back to the cookie", async (_, authorization) => {
    const response = await call(me.GET, {
      path: "/api/v1/me",
      cookie,
      headers: { authorization: authorization() },
    });
    expect(response.status).toBe(401);
    expect((await problemOf(response)).type).toBe("urn:fedlens:problem:unauthenticated");
  });
});
