import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { MasterKey, MasterKeyring } from "@/lib/secrets/master-keyring";
import { SecretError } from "@/lib/secrets/secret-error";
import { SecretValue } from "@/lib/secrets/secret-value";

// Envelope encryption of a stored secret (SECURITY.md 3.8, OWASP Secrets
// Management cheat sheet): a fresh 256-bit data key per secret seals the
// value with AES-256-GCM; the master key wraps the data key with AES-256-GCM.
// IVs are 96 random bits, the size NIST SP 800-38D §8.2.2 allows at random.

const version = 1;
const b64u = (bytes: number) => z.base64url().length(Math.ceil((bytes * 4) / 3));

const ZSealedRecord = z.strictObject({
  v: z.literal(version),
  /** Fingerprint of the master key that wrapped the data key (master-keyring.ts). */
  kid: z.string().regex(/^[0-9a-f]{16}$/),
  wiv: b64u(12),
  wtag: b64u(16),
  wkey: b64u(32),
  iv: b64u(12),
  tag: b64u(16),
  ct: z.base64url(),
});
type SealedRecord = z.infer<typeof ZSealedRecord>;

// The owner's AAD (e.g. `connection:<id>:clientSecret`) binds the ciphertext
// to its row; the wrap's AAD binds the wrapped key to the key id beside it.
const dataAad = (aad: string) => Buffer.from(`fedlens-secret/v${version}\0data\0${aad}`);
const wrapAad = (kid: string) => Buffer.from(`fedlens-secret/v${version}\0wrap\0${kid}`);

type Sealed = { iv: Buffer; tag: Buffer; ct: Buffer };

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

function gcmOpen(key: Buffer, sealed: Sealed, aad: Buffer, what: string): Buffer {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv, { authTagLength: 16 });
    decipher.setAAD(aad).setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ct), decipher.final()]);
  } catch {
    // OpenSSL's own message says nothing useful; the cause is left out on purpose.
    throw new SecretError("not_authentic", `The stored secret's ${what} failed authentication`);
  }
}

const bytes = (text: string) => Buffer.from(text, "base64url");

function parseRecord(record: string): SealedRecord {
  let json: unknown;
  try {
    json = JSON.parse(record);
  } catch {
    throw new SecretError("malformed", "The stored secret is not a sealed record");
  }
  const parsed = ZSealedRecord.safeParse(json);
  if (!parsed.success) {
    throw new SecretError("malformed", "The stored secret is not a sealed record of version 1");
  }
  return parsed.data;
}

function masterKeyFor(keyring: MasterKeyring, kid: string): MasterKey {
  const key = keyring.byId.get(kid);
  if (key) return key;
  throw new SecretError(
    "unknown_key",
    `The stored secret was sealed under master key ${kid}, which is neither FEDLENS_SECRET_KEY nor one of FEDLENS_SECRET_PREVIOUS_KEYS`,
  );
}

function wrapDataKey(master: MasterKey, dataKey: Buffer) {
  const wrapped = gcmSeal(master.key, dataKey, wrapAad(master.id));
  return {
    kid: master.id,
    wiv: wrapped.iv.toString("base64url"),
    wtag: wrapped.tag.toString("base64url"),
    wkey: wrapped.ct.toString("base64url"),
  };
}

function unwrapDataKey(keyring: MasterKeyring, record: SealedRecord): Buffer {
  const master = masterKeyFor(keyring, record.kid);
  const sealed = { iv: bytes(record.wiv), tag: bytes(record.wtag), ct: bytes(record.wkey) };
  return gcmOpen(master.key, sealed, wrapAad(record.kid), "data key");
}

function requireAad(aad: string): void {
  if (!aad) throw new Error("A sealed secret needs the AAD naming its owner");
}

/** Seals `plaintext` for the owner `aad`; the result is one JSON string to store. */
export function sealSecret(
  keyring: MasterKeyring,
  plaintext: string | SecretValue,
  aad: string,
): string {
  requireAad(aad);
  const value = typeof plaintext === "string" ? plaintext : plaintext.reveal();
  const dataKey = randomBytes(32);
  const data = gcmSeal(dataKey, Buffer.from(value, "utf8"), dataAad(aad));
  const record: SealedRecord = {
    v: version,
    ...wrapDataKey(keyring.current, dataKey),
    iv: data.iv.toString("base64url"),
    tag: data.tag.toString("base64url"),
    ct: data.ct.toString("base64url"),
  };
  return JSON.stringify(record);
}

/** Opens a record sealed for the same `aad`, or throws a SecretError. */
export function openSecret(keyring: MasterKeyring, record: string, aad: string): SecretValue {
  requireAad(aad);
  const parsed = parseRecord(record);
  const dataKey = unwrapDataKey(keyring, parsed);
  const sealed = { iv: bytes(parsed.iv), tag: bytes(parsed.tag), ct: bytes(parsed.ct) };
  return new SecretValue(gcmOpen(dataKey, sealed, dataAad(aad), "value").toString("utf8"));
}

export function needsRewrap(keyring: MasterKeyring, record: string): boolean {
  return parseRecord(record).kid !== keyring.current.id;
}

/**
 * The record with its data key wrapped under the current master key; the
 * ciphertext, its IV and tag are kept byte for byte (key rotation).
 */
export function rewrapSecret(keyring: MasterKeyring, record: string): string {
  const parsed = parseRecord(record);
  if (parsed.kid === keyring.current.id) return record;
  const dataKey = unwrapDataKey(keyring, parsed);
  return JSON.stringify({ ...parsed, ...wrapDataKey(keyring.current, dataKey) });
}
