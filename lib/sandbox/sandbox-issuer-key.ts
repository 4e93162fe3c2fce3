import "server-only";
import { generateKeyPairSync, type KeyObject, createPrivateKey } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";

// The Sandbox issuer's signing key: made at the sandbox's first start and
// kept beside the other generated secrets in FEDLENS_DATA_DIR (mode 0600,
// never in the database, never committed: the data dir is git-ignored), so
// tokens and the catalogue's copy of the public key survive a restart. Only
// the sandbox trusts it.

const keyFile = "sandbox-issuer-key.pem";

export type SandboxIssuerKey = {
  privateKey: KeyObject;
  /** The public half as a JWK, with kid (its RFC 7638 thumbprint), alg and use. */
  publicJwk: JWK & { kid: string };
};

async function describe(privateKey: KeyObject): Promise<SandboxIssuerKey> {
  const { kty, n, e } = await exportJWK(privateKey);
  const publicPart = { kty, n, e } as JWK;
  const kid = await calculateJwkThumbprint(publicPart);
  return { privateKey, publicJwk: { ...publicPart, kid, alg: "RS256", use: "sig" } };
}

async function readKey(file: string): Promise<KeyObject | null> {
  try {
    return createPrivateKey(await readFile(file, "utf8"));
  } catch {
    return null;
  }
}

/** The key in `dataDir`, made now if there is none (two starts at once agree on one). */
export async function ensureSandboxIssuerKey(dataDir: string): Promise<SandboxIssuerKey> {
  const file = path.join(dataDir, keyFile);
  const existing = await readKey(file);
  if (existing) return describe(existing);
  await mkdir(dataDir, { recursive: true });
  // Entra accepts RS256 only (CLOUDS.md 1.4); AWS and GCP accept it too.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  try {
    await writeFile(file, pem, { mode: 0o600, flag: "wx" });
    return describe(privateKey);
  } catch (error) {
    const raced = await readKey(file);
    if (raced) return describe(raced);
    throw error;
  }
}

/** The key if the sandbox made one; never makes one (the console only reads it). */
export async function readSandboxIssuerKey(dataDir: string): Promise<SandboxIssuerKey | null> {
  const key = await readKey(path.join(dataDir, keyFile));
  return key ? describe(key) : null;
}
