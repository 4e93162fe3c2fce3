import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { needsRewrap, openSecret, rewrapSecret, sealSecret } from "@/lib/secrets/envelope";
import { buildMasterKeyring, masterKeyId } from "@/lib/secrets/master-keyring";
import { SecretError } from "@/lib/secrets/secret-error";

const newKey = () => randomBytes(32).toString("base64");
const canary = () => `canary-${randomBytes(12).toString("hex")}`;
const aad = "connection:7f3c:clientSecret";

function expectSecretError(run: () => unknown, code: SecretError["code"], secrets: string[]) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SecretError);
  const error = caught as SecretError;
  expect(error.code).toBe(code);
  for (const secret of secrets) {
    expect(`${error.message}\n${error.stack}`).not.toContain(secret);
  }
  return error;
}

/** A copy of the record with one field replaced by `change(bytes)`. */
function tamper(record: string, field: string, change: (bytes: Buffer) => Buffer): string {
  const parsed = JSON.parse(record) as Record<string, string>;
  const bytes = Buffer.from(parsed[field]!, "base64url");
  return JSON.stringify({ ...parsed, [field]: change(bytes).toString("base64url") });
}
const flipFirstBit = (bytes: Buffer) => {
  const copy = Buffer.from(bytes);
  copy[0] = copy[0]! ^ 1;
  return copy;
};

describe("sealSecret and openSecret", () => {
  it("round-trips a value, including non-ASCII text, into a record holding no key or plaintext", () => {
    const key = newKey();
    const keyring = buildMasterKeyring(key, []);
    const value = `${canary()} – ключ ✓`;
    const record = sealSecret(keyring, value, aad);

    expect(openSecret(keyring, record, aad).reveal()).toBe(value);
    expect(record).not.toContain(value);
    expect(record).not.toContain(key);
    expect(record).not.toContain(Buffer.from(key, "base64").toString("base64url"));
    expect(JSON.parse(record)).toMatchObject({ v: 1, kid: keyring.current.id });
  });

  it("uses a fresh data key and IV for every seal of the same value", () => {
    const keyring = buildMasterKeyring(newKey(), []);
    const [first, second] = [sealSecret(keyring, "same", aad), sealSecret(keyring, "same", aad)];
    const a = JSON.parse(first) as Record<string, string>;
    const b = JSON.parse(second) as Record<string, string>;
    for (const field of ["wkey", "wiv", "iv", "ct"]) expect(a[field]).not.toBe(b[field]);
  });

  it("refuses a record copied to another owner (AAD mismatch)", () => {
    const keyring = buildMasterKeyring(newKey(), []);
    const value = canary();
    const record = sealSecret(keyring, value, aad);
    for (const other of ["connection:8a11:clientSecret", "connection:7f3c:secretAccessKey"]) {
      expectSecretError(() => openSecret(keyring, record, other), "not_authentic", [value]);
    }
  });

  it.each([
    ["ciphertext", "ct"],
    ["value tag", "tag"],
    ["value IV", "iv"],
    ["wrapped data key", "wkey"],
    ["wrap tag", "wtag"],
    ["wrap IV", "wiv"],
  ])("refuses a record whose %s was altered", (_label, field) => {
    const keyring = buildMasterKeyring(newKey(), []);
    const value = canary();
    const record = tamper(sealSecret(keyring, value, aad), field, flipFirstBit);
    expectSecretError(() => openSecret(keyring, record, aad), "not_authentic", [value]);
  });

  it("refuses a record whose key id was swapped for another configured key's", () => {
    const [current, previous] = [newKey(), newKey()];
    const keyring = buildMasterKeyring(current, [previous]);
    const record = JSON.parse(sealSecret(keyring, canary(), aad)) as Record<string, string>;
    const swapped = JSON.stringify({ ...record, kid: buildMasterKeyring(previous, []).current.id });
    expectSecretError(() => openSecret(keyring, swapped, aad), "not_authentic", []);
  });

  it("refuses a record sealed under an unknown master key, naming its id and the variables", () => {
    const oldKey = newKey();
    const value = canary();
    const record = sealSecret(buildMasterKeyring(oldKey, []), value, aad);
    const error = expectSecretError(
      () => openSecret(buildMasterKeyring(newKey(), []), record, aad),
      "unknown_key",
      [value, oldKey],
    );
    expect(error.message).toContain(masterKeyId(Buffer.from(oldKey, "base64")));
    expect(error.message).toContain("FEDLENS_SECRET_PREVIOUS_KEYS");
  });

  it.each([
    ["not JSON", "plain text"],
    ["another version", JSON.stringify({ v: 2 })],
    ["a truncated wrapped key", "truncate"],
  ])("refuses a record that is %s as malformed", (_label, input) => {
    const keyring = buildMasterKeyring(newKey(), []);
    const record =
      input === "truncate"
        ? tamper(sealSecret(keyring, "x", aad), "wkey", (bytes) => bytes.subarray(1))
        : input;
    expectSecretError(() => openSecret(keyring, record, aad), "malformed", []);
  });
});

describe("key rotation", () => {
  it("opens an old record with the previous key, rewraps it without touching the ciphertext, and opens it after the previous key is gone", () => {
    const [oldKey, currentKey] = [newKey(), newKey()];
    const value = canary();
    const before = buildMasterKeyring(oldKey, []);
    const record = sealSecret(before, value, aad);
    expect(needsRewrap(before, record)).toBe(false);

    const rotating = buildMasterKeyring(currentKey, [oldKey]);
    expect(openSecret(rotating, record, aad).reveal()).toBe(value);
    expect(needsRewrap(rotating, record)).toBe(true);

    const rewrapped = rewrapSecret(rotating, record);
    const [was, now] = [record, rewrapped].map((r) => JSON.parse(r) as Record<string, string>);
    expect(now!.kid).toBe(rotating.current.id);
    expect(now!.kid).not.toBe(was!.kid);
    expect([now!.ct, now!.iv, now!.tag]).toEqual([was!.ct, was!.iv, was!.tag]);
    expect(needsRewrap(rotating, rewrapped)).toBe(false);
    expect(rewrapSecret(rotating, rewrapped)).toBe(rewrapped);

    const after = buildMasterKeyring(currentKey, []);
    expect(openSecret(after, rewrapped, aad).reveal()).toBe(value);
    expectSecretError(() => openSecret(after, record, aad), "unknown_key", [value]);
  });
});
