import "server-only";
import { createHash } from "node:crypto";

/** A key-encryption key: the bytes and the short fingerprint records carry. */
export type MasterKey = { readonly id: string; readonly key: Buffer };

export type MasterKeyring = {
  readonly current: MasterKey;
  /** Every usable key by id, the current one included. */
  readonly byId: ReadonlyMap<string, MasterKey>;
};

/**
 * 64 bits of SHA-256 over a label and the key: enough to tell keys apart in a
 * record and in an error message, and reveals nothing usable about the key.
 */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256")
    .update("fedlens secret key id\0")
    .update(key)
    .digest("hex")
    .slice(0, 16);
}

/** A base64 AES-256 key as FEDLENS_SECRET_KEY holds it (lib/env.ts checks the form). */
export function parseMasterKey(base64: string): MasterKey {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("A master key must be 32 bytes");
  return { id: masterKeyId(key), key };
}

/**
 * The master key of a generated FEDLENS_DATA_DIR/secret-key file, whose
 * content is random text like the session secret's rather than 32 raw bytes.
 */
export function deriveMasterKey(generatedSecret: string): string {
  return createHash("sha256")
    .update("fedlens secret key\0")
    .update(generatedSecret)
    .digest("base64");
}

export function buildMasterKeyring(current: string, previous: readonly string[]): MasterKeyring {
  const currentKey = parseMasterKey(current);
  const byId = new Map<string, MasterKey>();
  for (const key of previous.map(parseMasterKey)) byId.set(key.id, key);
  byId.set(currentKey.id, currentKey);
  return { current: currentKey, byId };
}
