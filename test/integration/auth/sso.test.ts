import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  provisionSsoUser,
  ssoProviderId,
  type SsoProfile,
} from "@/lib/auth/sign-in/provision-sso-user";
import { getDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { createTestUser } from "@/test/factories/users";

const newEmail = (prefix = "sso") => `${prefix}-${randomUUID().slice(0, 8)}@example.test`;

function profile(overrides: Partial<SsoProfile> = {}): SsoProfile {
  return {
    subject: `sub-${randomUUID()}`,
    email: newEmail(),
    emailVerified: true,
    name: "Sam Sso",
    ...overrides,
  };
}

const provision = (input: SsoProfile) => provisionSsoUser(input, randomUUID());

async function linkOf(subject: string) {
  return getDb().account.findUnique({
    where: { provider_providerAccountId: { provider: ssoProviderId, providerAccountId: subject } },
    select: { userId: true },
  });
}

const savedAdminEmails = process.env.FEDLENS_OIDC_ADMIN_EMAILS;

afterEach(() => {
  if (savedAdminEmails === undefined) delete process.env.FEDLENS_OIDC_ADMIN_EMAILS;
  else process.env.FEDLENS_OIDC_ADMIN_EMAILS = savedAdminEmails;
  resetEnvCache();
});

describe("provisionSsoUser", () => {
  it("makes a new verified email a viewer without a password and links the subject", async () => {
    const sso = profile();
    const userId = await provision(sso);
    expect(userId).not.toBeNull();
    const user = await getDb().user.findUniqueOrThrow({
      where: { id: userId ?? "" },
      select: { email: true, name: true, role: true, passwordHash: true },
    });
    expect(user).toEqual({ email: sso.email, name: "Sam Sso", role: "viewer", passwordHash: null });
    expect(await linkOf(sso.subject)).toEqual({ userId });
    const event = await getDb().auditEvent.findFirst({
      where: { entityId: userId, action: "user.create" },
    });
    expect(event).toMatchObject({ actorType: "system", actorLabel: "sso" });
  });

  it("makes a new email listed in FEDLENS_OIDC_ADMIN_EMAILS an admin, whatever its case", async () => {
    const email = newEmail("boss");
    process.env.FEDLENS_OIDC_ADMIN_EMAILS = ` other@example.test, ${email.toUpperCase()} `;
    resetEnvCache();
    const userId = await provision(profile({ email }));
    const user = await getDb().user.findUniqueOrThrow({ where: { id: userId ?? "" } });
    expect(user.role).toBe("admin");
  });

  it("returns the linked user on the next sign-in with the same subject even if the email changed", async () => {
    const first = profile();
    const userId = await provision(first);
    const again = await provision({ ...first, email: newEmail("renamed") });
    expect(again).toBe(userId);
    expect(await getDb().user.count({ where: { id: userId ?? "" } })).toBe(1);
    expect(await getDb().account.count({ where: { userId: userId ?? "" } })).toBe(1);
  });

  it("links an existing local user with the same email and keeps its role and password", async () => {
    const local = await createTestUser({ role: "operator" });
    const sso = profile({ email: ` ${local.user.email.toUpperCase()} ` });
    expect(await provision(sso)).toBe(local.user.id);
    expect(await linkOf(sso.subject)).toEqual({ userId: local.user.id });
    const user = await getDb().user.findUniqueOrThrow({
      where: { id: local.user.id },
      select: { role: true, passwordHash: true },
    });
    expect(user.role).toBe("operator");
    expect(user.passwordHash).not.toBeNull();
  });

  it.each<[string, Partial<SsoProfile>]>([
    ["the IdP says the email is not verified", { emailVerified: false }],
    ["there is no email", { email: undefined }],
    ["the email is null", { email: null }],
    ["the email is not a string", { email: ["a@example.test"] }],
    ["the email is not an address", { email: "not-an-email" }],
  ])("returns null and creates nothing when %s", async (_name, overrides) => {
    const sso = profile(overrides);
    const usersBefore = await getDb().user.count();
    expect(await provision(sso)).toBeNull();
    expect(await getDb().user.count()).toBe(usersBefore);
    expect(await linkOf(sso.subject)).toBeNull();
  });

  it("does not link an unverified email to an existing local user", async () => {
    const local = await createTestUser({ role: "admin" });
    const sso = profile({ email: local.user.email, emailVerified: false });
    expect(await provision(sso)).toBeNull();
    expect(await linkOf(sso.subject)).toBeNull();
  });

  it("returns null for a disabled local user with the same email and does not link it", async () => {
    const local = await createTestUser();
    await getDb().user.update({ where: { id: local.user.id }, data: { disabled: true } });
    const sso = profile({ email: local.user.email });
    expect(await provision(sso)).toBeNull();
    expect(await linkOf(sso.subject)).toBeNull();
  });

  it("returns null for a linked user who has since been disabled", async () => {
    const sso = profile();
    const userId = await provision(sso);
    expect(userId).not.toBeNull();
    await getDb().user.update({ where: { id: userId ?? "" }, data: { disabled: true } });
    expect(await provision(sso)).toBeNull();
  });
});

describe("SSO identities without email_verified", () => {
  it("get a new account but never take over an existing one by email", async () => {
    const existing = await createTestUser({ role: "admin" });
    const takeover = await provisionSsoUser(
      { subject: "entra-sub-1", email: existing.user.email, emailVerified: undefined, name: "x" },
      "req-1",
    );
    expect(takeover).toBeNull();
    const fresh = await provisionSsoUser(
      {
        subject: "entra-sub-2",
        email: "fresh-entra@example.test",
        emailVerified: undefined,
        name: "Fresh",
      },
      "req-2",
    );
    expect(fresh).not.toBeNull();
  });
});
