import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { verifyCredentials } from "@/lib/auth/sign-in/verify-credentials";
import { bootstrapAdminFromEnv } from "@/lib/auth/users/bootstrap-admin";
import { createUser } from "@/lib/auth/users/create-user";
import { setupFirstAdmin } from "@/lib/auth/users/setup-first-admin";
import { updateUser } from "@/lib/auth/users/update-user";
import { getDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { TUserUpdateInput } from "@/lib/schemas/user";
import { createTestUser } from "@/test/factories/users";

const newPassword = () => randomBytes(18).toString("base64url");
const newEmail = (prefix = "user") => `${prefix}-${randomUUID().slice(0, 8)}@example.test`;

/** Users go; audit events stay (the trail is append-only), so queries filter by entity. */
async function emptyUsers(): Promise<void> {
  const db = getDb();
  await db.apiToken.deleteMany();
  await db.user.deleteMany();
}

function expectAppError(error: unknown, code: string, status: number): void {
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code, status });
}

async function auditFor(entityId: string, action: string) {
  return getDb().auditEvent.findMany({ where: { entityId, action }, orderBy: { seq: "asc" } });
}

/** Snapshots in the trail may say whether a password exists but never hold its hash. */
function expectNoSecrets(snapshot: unknown): void {
  const text = JSON.stringify(snapshot ?? null);
  expect(text).not.toMatch(/passwordHash|password_hash|scrypt\$/i);
}

const update = (actor: Actor, id: string, input: TUserUpdateInput, expectedVersion = 1) =>
  updateUser({ actor, requestId: randomUUID(), id, expectedVersion, input });

describe("setupFirstAdmin", () => {
  beforeEach(emptyUsers);

  it("creates exactly one admin when five setups race on an empty users table", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) =>
        setupFirstAdmin({
          input: {
            email: newEmail(`setup${index}`),
            name: `Setup ${index}`,
            password: newPassword(),
          },
          requestId: randomUUID(),
          via: "setup",
        }),
      ),
    );
    const created = results.filter((result) => result.status === "fulfilled");
    expect(created).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expectAppError(result.reason, "conflict", 409);
    }
    const users = await getDb().user.findMany({ select: { id: true, role: true } });
    expect(users).toEqual([{ id: created[0]?.value.id, role: "admin" }]);
    const [event] = await auditFor(users[0]?.id ?? "", "user.create");
    expect(event).toMatchObject({ actorType: "system", actorLabel: "setup" });
    expectNoSecrets(event?.after);
  });

  it("refuses with a conflict once any user exists, even a viewer", async () => {
    await createTestUser({ role: "viewer" });
    const attempt = setupFirstAdmin({
      input: { email: newEmail(), name: "Late", password: newPassword() },
      requestId: randomUUID(),
      via: "setup",
    });
    await expect(attempt).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await getDb().user.count({ where: { role: "admin" } })).toBe(0);
  });
});

describe("bootstrapAdminFromEnv", () => {
  const names = ["FEDLENS_ADMIN_EMAIL", "FEDLENS_ADMIN_PASSWORD"] as const;
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));

  beforeEach(emptyUsers);
  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetEnvCache();
  });

  function configure(email: string, password: string): void {
    process.env.FEDLENS_ADMIN_EMAIL = email;
    process.env.FEDLENS_ADMIN_PASSWORD = password;
    resetEnvCache();
  }

  it("creates the configured admin on an empty table, then skips once users exist", async () => {
    const [email, password] = [newEmail("boot"), newPassword()];
    configure(email, password);
    expect(await bootstrapAdminFromEnv()).toBe("created");
    const admin = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(admin.role).toBe("admin");
    const client = { address: "127.0.0.1", requestId: "bootstrap-test" };
    expect((await verifyCredentials(email, password, client))?.id).toBe(admin.id);

    expect(await bootstrapAdminFromEnv()).toBe("skipped");
    expect(await getDb().user.count()).toBe(1);
  });

  it("skips when another user already exists and creates nobody", async () => {
    await createTestUser({ role: "viewer" });
    const email = newEmail("boot");
    configure(email, newPassword());
    expect(await bootstrapAdminFromEnv()).toBe("skipped");
    expect(await getDb().user.findUnique({ where: { email } })).toBeNull();
  });

  it("reports not-configured without the variables", async () => {
    for (const name of names) delete process.env[name];
    resetEnvCache();
    expect(await bootstrapAdminFromEnv()).toBe("not-configured");
    expect(await getDb().user.count()).toBe(0);
  });
});

describe("updateUser", () => {
  beforeEach(emptyUsers);

  it.each<[string, TUserUpdateInput]>([
    ["demote", { role: "operator" }],
    ["disable", { disabled: true }],
  ])("refuses to %s the last active admin and changes nothing", async (_verb, input) => {
    const admin = await createTestUser({ role: "admin" });
    // A disabled admin does not count as another admin.
    const dormant = await createTestUser({ role: "admin" });
    await getDb().user.update({ where: { id: dormant.user.id }, data: { disabled: true } });

    await expect(update(admin.actor, admin.user.id, input)).rejects.toMatchObject({
      code: "conflict",
      status: 409,
    });
    const after = await getDb().user.findUniqueOrThrow({ where: { id: admin.user.id } });
    expect(after).toMatchObject({ role: "admin", disabled: false, version: 1 });
    expect(await getDb().auditEvent.count({ where: { entityId: admin.user.id } })).toBe(1);
  });

  it("leaves exactly one admin when two admins demote each other at once", async () => {
    const [first, second] = [
      await createTestUser({ role: "admin" }),
      await createTestUser({ role: "admin" }),
    ];
    const results = await Promise.allSettled([
      update(first.actor, second.user.id, { role: "viewer" }),
      update(second.actor, first.user.id, { role: "viewer" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expectAppError(refused?.reason, "conflict", 409);
    expect(await getDb().user.count({ where: { role: "admin", disabled: false } })).toBe(1);
  });

  it("audits a role change, a disable and an enable with before and after but no hash", async () => {
    const admin = await createTestUser({ role: "admin" });
    const target = await createTestUser({ role: "admin" });
    await getDb().session.create({
      data: { userId: target.user.id, expiresAt: new Date(Date.now() + 60_000) },
    });

    const demoted = await update(admin.actor, target.user.id, { role: "operator" }, 1);
    expect(demoted).toMatchObject({ role: "operator", version: 2 });
    await update(admin.actor, target.user.id, { disabled: true }, 2);
    await update(admin.actor, target.user.id, { disabled: false }, 3);

    const expected: [string, object, object][] = [
      ["user.role.change", { role: "admin" }, { role: "operator" }],
      ["user.disable", { disabled: false }, { disabled: true }],
      ["user.enable", { disabled: true }, { disabled: false }],
    ];
    for (const [action, before, after] of expected) {
      const events = await auditFor(target.user.id, action);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: admin.user.id, before, after });
      expectNoSecrets(events[0]?.before);
      expectNoSecrets(events[0]?.after);
    }
    // Disabling ends the user's sessions.
    expect(
      await getDb().session.count({ where: { userId: target.user.id, revokedAt: null } }),
    ).toBe(0);
  });

  it.each<[Role]>([["operator"], ["viewer"]])(
    "refuses an %s actor with 403 and changes nothing",
    async (role) => {
      const actor = (await createTestUser({ role })).actor;
      const target = await createTestUser({ role: "viewer" });
      await expect(update(actor, target.user.id, { role: "operator" })).rejects.toMatchObject({
        code: "forbidden",
        status: 403,
      });
      const row = await getDb().user.findUniqueOrThrow({ where: { id: target.user.id } });
      expect(row).toMatchObject({ role: "viewer", version: 1 });
    },
  );

  it("answers 404 for an unknown user id", async () => {
    const admin = await createTestUser({ role: "admin" });
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expect(update(admin.actor, unknown, { disabled: true })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
  });
});

describe("createUser", () => {
  const create = (actor: Actor, role: Role, email = newEmail()) =>
    createUser({
      actor,
      requestId: randomUUID(),
      input: { email, name: "Created", role, password: newPassword() },
    });

  it.each<[Role, Role]>([
    ["operator", "admin"],
    ["operator", "operator"],
    ["operator", "viewer"],
    ["viewer", "viewer"],
  ])("refuses an %s actor creating a %s with 403 and creates nobody", async (actorRole, role) => {
    const { actor } = await createTestUser({ role: actorRole });
    const email = newEmail("refused");
    await expect(create(actor, role, email)).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
    expect(await getDb().user.findUnique({ where: { email } })).toBeNull();
  });

  it.each<[Role]>([["admin"], ["operator"], ["viewer"]])(
    "lets an admin create a %s and audits it without the password hash",
    async (role) => {
      const admin = await createTestUser({ role: "admin" });
      const user = await create(admin.actor, role);
      expect(user).toMatchObject({ role, hasPassword: true, disabled: false, version: 1 });
      const [event, ...more] = await auditFor(user.id, "user.create");
      expect(more).toHaveLength(0);
      expect(event).toMatchObject({ actorId: admin.user.id, actorRole: "admin" });
      expect(event?.after).toMatchObject({ id: user.id, email: user.email, role });
      expectNoSecrets(event?.after);
    },
  );

  it("refuses a duplicate email with a conflict", async () => {
    const admin = await createTestUser({ role: "admin" });
    const existing = await createTestUser();
    await expect(create(admin.actor, "viewer", existing.user.email)).rejects.toMatchObject({
      code: "conflict",
      status: 409,
    });
  });
});
