import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/sign-in/verify-credentials";
import { getDb } from "@/lib/db/client";
import { createTestUser, type TestUser } from "@/test/factories/users";

const client = { address: "203.0.113.7", requestId: "sign-in-test-request" };

/** How many failures in a row the throttle has counted for this email from `client`. */
async function failuresFor(email: string, address = client.address): Promise<number> {
  const row = await getDb().signInThrottle.findUnique({
    where: { email_address: { email, address } },
  });
  return row?.failures ?? 0;
}

const unknownEmail = () => `nobody-${randomUUID().slice(0, 8)}@example.test`;

describe("verifyCredentials", () => {
  it("returns the user for the right password and counts no failure", async () => {
    const { user, password } = await createTestUser({ role: "operator" });
    expect(await verifyCredentials(user.email, password, client)).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
    });
    expect(await failuresFor(user.email)).toBe(0);
  });

  it("matches the email case-insensitively and ignores surrounding spaces", async () => {
    const { user, password } = await createTestUser();
    const shouted = `  ${user.email.toUpperCase()} `;
    expect((await verifyCredentials(shouted, password, client))?.id).toBe(user.id);
  });

  // Each failure case names the email whose counter it should move.
  it.each<[string, () => Promise<{ email: string; password: string }>]>([
    [
      "a wrong password",
      async () => {
        const { user, password } = await createTestUser();
        return { email: user.email, password: `${password}x` };
      },
    ],
    ["an unknown email", async () => ({ email: unknownEmail(), password: "whatever-it-is-123" })],
    [
      "a disabled user's right password",
      async () => {
        const { user, password } = await createTestUser();
        await getDb().user.update({ where: { id: user.id }, data: { disabled: true } });
        return { email: user.email, password };
      },
    ],
    [
      "an SSO-only user (no password hash)",
      async () => {
        const { user } = await createTestUser({ password: null });
        return { email: user.email, password: "any-password-at-all" };
      },
    ],
    [
      "an SSO-only user and an empty password",
      async () => {
        const { user } = await createTestUser({ password: null });
        return { email: user.email, password: "" };
      },
    ],
  ])("returns null for %s and counts one failure per attempt", async (_name, arrange) => {
    const { email, password } = await arrange();
    expect(await verifyCredentials(email, password, client)).toBeNull();
    expect(await failuresFor(email)).toBe(1);
    expect(await verifyCredentials(email, password, client)).toBeNull();
    expect(await failuresFor(email)).toBe(2);
  });

  it("counts a failure under the lower-cased email whatever case was typed", async () => {
    const { user } = await createTestUser();
    expect(
      await verifyCredentials(` ${user.email.toUpperCase()}`, "not-the-password", client),
    ).toBeNull();
    expect(await failuresFor(user.email)).toBe(1);
    expect(await failuresFor(user.email.toUpperCase())).toBe(0);
  });

  it("keeps each email's failures apart", async () => {
    const [first, second] = [await createTestUser(), await createTestUser()];
    await verifyCredentials(first.user.email, "wrong-password-here", client);
    expect(await failuresFor(first.user.email)).toBe(1);
    expect(await failuresFor(second.user.email)).toBe(0);
  });

  it.each<[string, (owner: TestUser) => [unknown, unknown]]>([
    ["an email that is a number", ({ password }) => [42, password]],
    ["an email that is null", ({ password }) => [null, password]],
    ["a missing email", ({ password }) => [undefined, password]],
    ["an email that is an array", ({ user, password }) => [[user.email], password]],
    ["an email that is not an address", ({ password }) => ["not-an-email", password]],
    [
      "an email over 320 characters",
      ({ password }) => [`${"a".repeat(310)}@example.test`, password],
    ],
    ["a password that is a number", ({ user }) => [user.email, 123456789012]],
    ["a password that is an array", ({ user, password }) => [user.email, [password]]],
    ["a missing password", ({ user }) => [user.email, undefined]],
    [
      "a password over 256 characters that starts with the right one",
      ({ user, password }) => [user.email, password.padEnd(257, "x")],
    ],
  ])("returns null for %s", async (_name, input) => {
    const owner = await createTestUser();
    const [email, password] = input(owner);
    expect(await verifyCredentials(email, password, client)).toBeNull();
    // The same user still signs in, so the null came from the input.
    expect(await verifyCredentials(owner.user.email, owner.password, client)).not.toBeNull();
  });
});

describe("failed sign-ins in the audit trail", () => {
  const failures = (email: string) =>
    getDb().auditEvent.findMany({
      where: { action: "auth.sign_in_failed", after: { path: ["email"], equals: email } },
    });

  it("records a wrong password with the email, the address and the account, never the password", async () => {
    const { user, password } = await createTestUser();
    const wrong = `${password}-wrong`;
    await verifyCredentials(user.email.toUpperCase(), wrong, client);
    const [event, ...rest] = await failures(user.email);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      actorType: "system",
      actorId: null,
      actorLabel: "anonymous",
      entityType: "user",
      entityId: user.id,
      requestId: client.requestId,
      after: { email: user.email, address: client.address },
    });
    expect(
      JSON.stringify(event, (_key, value: unknown) =>
        typeof value === "bigint" ? String(value) : value,
      ),
    ).not.toContain(wrong);
  });

  it("records an unknown email without an account", async () => {
    const email = unknownEmail();
    await verifyCredentials(email, "whatever-it-is-123", client);
    expect(await failures(email)).toMatchObject([{ entityId: null, after: { email } }]);
  });

  it("records nothing for a right password", async () => {
    const { user, password } = await createTestUser();
    await verifyCredentials(user.email, password, client);
    expect(await failures(user.email)).toEqual([]);
  });

  it("ends the run of failures for the signing-in address only", async () => {
    const { user, password } = await createTestUser();
    const elsewhere = { ...client, address: "198.51.100.200" };
    await verifyCredentials(user.email, "wrong-password-here", client);
    await verifyCredentials(user.email, "wrong-password-here", elsewhere);
    await verifyCredentials(user.email, password, client);
    expect(await failuresFor(user.email)).toBe(0);
    expect(await failuresFor(user.email, elsewhere.address)).toBe(1);
  });
});
