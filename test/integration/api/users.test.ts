import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as item from "@/app/api/v1/users/[id]/route";
import * as collection from "@/app/api/v1/users/route";
import { getDb } from "@/lib/db/client";
import {
  createTestSessionCookie,
  createTestToken,
  createTestUser,
  type TestUser,
} from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";

type User = { id: string; email: string; role: string; disabled: boolean; version: number };

let root: TestUser;
let adminToken: string;

beforeAll(async () => {
  root = await createTestUser({ role: "admin" });
  adminToken = await createTestToken(root);
});

function createUser(body: object, token = adminToken) {
  return call(collection.POST, { method: "POST", path: "/api/v1/users", token, body });
}

function patchUser(id: string, body: object, ifMatch?: string, token = adminToken) {
  return call(item.PATCH, {
    method: "PATCH",
    path: `/api/v1/users/${id}`,
    params: { id },
    token,
    body,
    headers: ifMatch === undefined ? undefined : { "if-match": ifMatch },
  });
}

const auditOf = (entityId: string, action: string) =>
  getDb().auditEvent.findMany({ where: { entityId, action }, orderBy: { seq: "asc" } });

const newUser = (role = "viewer") => ({
  email: `person-${randomUUID().slice(0, 8)}@example.test`,
  name: "New Person",
  role,
  password: `pw-${randomUUID()}`,
});

// First, while the root admin is the only admin in this file's database.
describe("the last active admin", () => {
  it("cannot be demoted or disabled until another active admin exists", async () => {
    for (const body of [{ role: "operator" }, { disabled: true }]) {
      const refused = await patchUser(root.user.id, body, '"v1"');
      expect(refused.status).toBe(409);
      const problem = await problemOf(refused);
      expect(problem.type).toBe("urn:fedlens:problem:conflict");
      expect(problem.detail).toMatch(/last active admin/);
    }
    expect(await getDb().user.findUniqueOrThrow({ where: { id: root.user.id } })).toMatchObject({
      role: "admin",
      disabled: false,
      version: 1,
    });
    expect(await getDb().auditEvent.count({ where: { entityId: root.user.id } })).toBe(1);

    // A disabled admin does not count as another admin.
    const second = await createTestUser({ role: "admin" });
    expect((await patchUser(second.user.id, { disabled: true }, '"v1"')).status).toBe(200);
    expect((await patchUser(root.user.id, { role: "viewer" }, '"v1"')).status).toBe(409);

    expect((await patchUser(second.user.id, { disabled: false }, '"v2"')).status).toBe(200);
    const demoted = await patchUser(root.user.id, { role: "operator" }, '"v1"');
    expect(demoted.status).toBe(200);
    expect(((await demoted.json()) as User).role).toBe("operator");

    // Restore the root admin for the rest of the file, through the other admin.
    const secondToken = await createTestToken(second);
    expect((await patchUser(root.user.id, { role: "admin" }, '"v2"', secondToken)).status).toBe(
      200,
    );
  });
});

describe("users API", () => {
  it("creates a user with 201 and an ETag, exposes no password hash and audits a redacted user.create", async () => {
    const body = { ...newUser("operator"), email: "New.Person@Example.TEST" };
    const response = await createUser(body);
    expect(response.status).toBe(201);
    expect(response.headers.get("etag")).toBe('"v1"');
    const text = await response.clone().text();
    const created = (await response.json()) as User & { hasPassword: boolean };
    expect(created).toMatchObject({ email: "new.person@example.test", role: "operator" });
    expect(created.hasPassword).toBe(true);
    expect(response.headers.get("location")).toBe(`/api/v1/users/${created.id}`);

    const [stored] = await getDb().$queryRaw<{ password_hash: string }[]>`
      SELECT password_hash FROM "user" WHERE id = ${created.id}::uuid`;
    expect(stored?.password_hash.length).toBeGreaterThan(20);
    const list = await call(collection.GET, { path: "/api/v1/users", token: adminToken });
    const got = await call(item.GET, {
      path: `/api/v1/users/${created.id}`,
      params: { id: created.id },
      token: adminToken,
    });
    for (const responseText of [text, await list.text(), await got.text()]) {
      expect(responseText).not.toMatch(/passwordHash|password_hash/i);
      expect(responseText).not.toContain(stored?.password_hash);
      expect(responseText).not.toContain(body.password);
    }

    const [event] = await auditOf(created.id, "user.create");
    expect(event).toMatchObject({ actorType: "token", actorRole: "admin", before: null });
    expect(event?.after).toMatchObject({ email: "new.person@example.test", role: "operator" });
    expect(Object.keys(event?.after ?? {}).join(" ")).not.toMatch(/hash|password/i);
    const eventText = JSON.stringify(event, (_, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    expect(eventText).not.toContain(stored?.password_hash);
    expect(eventText).not.toContain(body.password);
  });

  it("changes a role only under a current If-Match and audits before and after", async () => {
    const target = await createTestUser({ role: "viewer" });
    const missing = await patchUser(target.user.id, { role: "operator" });
    expect(missing.status).toBe(428);
    expect((await problemOf(missing)).type).toBe("urn:fedlens:problem:precondition-required");

    const ok = await patchUser(target.user.id, { role: "operator" }, '"v1"');
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"v2"');
    expect(((await ok.json()) as User).role).toBe("operator");

    const stale = await patchUser(target.user.id, { role: "admin" }, '"v1"');
    expect(stale.status).toBe(409);
    expect((await problemOf(stale)).type).toBe("urn:fedlens:problem:conflict");
    expect(await getDb().user.findUniqueOrThrow({ where: { id: target.user.id } })).toMatchObject({
      role: "operator",
      version: 2,
    });

    const events = await auditOf(target.user.id, "user.role.change");
    expect(events).toHaveLength(1);
    expect(events[0]?.before).toMatchObject({ role: "viewer", version: 1 });
    expect(events[0]?.after).toMatchObject({ role: "operator", version: 2 });
  });

  it("revokes a disabled user's sessions and stops their API tokens", async () => {
    const target = await createTestUser({ role: "operator" });
    const cookie = await createTestSessionCookie(target);
    const token = await createTestToken(target);
    expect((await call(me.GET, { path: "/api/v1/me", cookie })).status).toBe(200);
    expect((await call(me.GET, { path: "/api/v1/me", token })).status).toBe(200);

    const disabled = await patchUser(target.user.id, { disabled: true }, '"v1"');
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as User).disabled).toBe(true);
    for (const credentials of [{ cookie }, { token }]) {
      const response = await call(me.GET, { path: "/api/v1/me", ...credentials });
      expect(response.status).toBe(401);
      expect((await problemOf(response)).type).toBe("urn:fedlens:problem:unauthenticated");
    }
    const sessions = await getDb().session.findMany({ where: { userId: target.user.id } });
    expect(sessions.map((session) => session.revokedAt === null)).toEqual([false]);
    expect(await auditOf(target.user.id, "user.disable")).toHaveLength(1);

    // Revoked, not merely hidden: enabling the user again does not revive the session.
    expect((await patchUser(target.user.id, { disabled: false }, '"v2"')).status).toBe(200);
    expect((await call(me.GET, { path: "/api/v1/me", cookie })).status).toBe(401);
  });

  it("rejects a duplicate email, whatever its case, with 409 naming the field", async () => {
    const first = newUser();
    expect((await createUser(first)).status).toBe(201);
    const response = await createUser({ ...newUser(), email: first.email.toUpperCase() });
    expect(response.status).toBe(409);
    const problem = await problemOf(response);
    expect(problem.type).toBe("urn:fedlens:problem:conflict");
    expect(problem.invalid_params).toEqual([{ name: "email", reason: "already in use" }]);
    expect(await getDb().user.count({ where: { email: first.email } })).toBe(1);
  });

  it("answers 404 for an unknown id on GET and PATCH", async () => {
    const id = randomUUID();
    const got = await call(item.GET, {
      path: `/api/v1/users/${id}`,
      params: { id },
      token: adminToken,
    });
    const patched = await patchUser(id, { role: "viewer" }, '"v1"');
    for (const response of [got, patched]) {
      expect(response.status).toBe(404);
      expect((await problemOf(response)).type).toBe("urn:fedlens:problem:not-found");
    }
  });

  it.each([
    ["an operator", "operator"],
    ["a viewer", "viewer"],
  ] as const)(
    "refuses every users endpoint to %s token with 403 and changes nothing",
    async (_, role) => {
      const token = await createTestToken(await createTestUser({ role }));
      const target = await createTestUser({ role: "viewer" });
      const id = target.user.id;
      const usersBefore = await getDb().user.count();
      const requests = [
        call(collection.GET, { path: "/api/v1/users", token }),
        createUser(newUser(), token),
        call(item.GET, { path: `/api/v1/users/${id}`, params: { id }, token }),
        patchUser(id, { role: "viewer" }, '"v1"', token),
        patchUser(id, { disabled: true }, '"v1"', token),
      ];
      for (const response of await Promise.all(requests)) {
        expect(response.status).toBe(403);
        expect((await problemOf(response)).type).toBe("urn:fedlens:problem:forbidden");
      }
      expect(await getDb().user.findUniqueOrThrow({ where: { id } })).toMatchObject({
        disabled: false,
        version: 1,
      });
      expect(await getDb().user.count()).toBe(usersBefore);
    },
  );
});
