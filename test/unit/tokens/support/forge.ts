// Builds test tokens by hand (SECURITY.md 1.3: "forge with Node's crypto").
// Keys are generated when a test file starts; nothing secret is committed.
import crypto, { KeyObject } from "node:crypto";
import { exportJWK, generateKeyPair, generateSecret } from "jose";

export type TestKey = { privateKey: KeyObject; publicKey: KeyObject; jwk: Record<string, unknown> };

export const b64u = (value: string | Uint8Array | object): string =>
  Buffer.from(
    typeof value === "string" || value instanceof Uint8Array ? value : JSON.stringify(value),
  ).toString("base64url");

export type Signer = (input: Buffer) => Buffer | Uint8Array;

/** header.payload.signature from already-encoded header and payload segments. */
export function forgeRaw(header: string, payload: string, sign: Signer | string): string {
  const input = `${header}.${payload}`;
  const signature = typeof sign === "string" ? sign : b64u(sign(Buffer.from(input)));
  return `${input}.${signature}`;
}

export function forge(header: object, claims: object | string, sign: Signer | string): string {
  return forgeRaw(b64u(header), b64u(claims), sign);
}

const hashOf = (alg: string) => `sha${alg.slice(2)}`;

/** RSxxx / PSxxx / ESxxx / EdDSA signer for a private key (RFC 7518 §3). */
export function signerFor(
  alg: string,
  key: KeyObject,
  options: { dsaEncoding?: "der" | "ieee-p1363" } = {},
): Signer {
  if (alg === "EdDSA") return (input) => crypto.sign(null, input, key);
  const hash = hashOf(alg);
  if (alg.startsWith("PS")) {
    return (input) =>
      crypto.sign(hash, input, {
        key,
        padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
        saltLength: Number(alg.slice(2)) / 8,
      });
  }
  if (alg.startsWith("ES")) {
    const dsaEncoding = options.dsaEncoding ?? "ieee-p1363";
    return (input) => crypto.sign(hash, input, { key, dsaEncoding });
  }
  return (input) => crypto.sign(hash, input, key);
}

export const hmacSigner =
  (alg: string, secret: crypto.BinaryLike): Signer =>
  (input) =>
    crypto.createHmac(hashOf(alg), secret).update(input).digest();

async function joseKey(alg: string, kid: string, options: object = {}): Promise<TestKey> {
  const pair = await generateKeyPair(alg, { extractable: true, ...options });
  return {
    privateKey: KeyObject.from(pair.privateKey),
    publicKey: KeyObject.from(pair.publicKey),
    jwk: { ...(await exportJWK(pair.publicKey)), kid },
  };
}

/** jose refuses to generate RSA under 2048 bits, so weak keys come from Node. */
function nodeRsaKey(kid: string, modulusLength: number, publicExponent = 65537): TestKey {
  const pair = crypto.generateKeyPairSync("rsa", { modulusLength, publicExponent });
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    jwk: { ...pair.publicKey.export({ format: "jwk" }), kid },
  };
}

export async function generateTestKeys() {
  const [rsa, rsaOther, ec256, ec384, ed25519, hmac] = await Promise.all([
    joseKey("RS256", "rsa-1"),
    joseKey("RS256", "rsa-2"),
    joseKey("ES256", "ec-256"),
    joseKey("ES384", "ec-384"),
    joseKey("EdDSA", "ed-1", { crv: "Ed25519" }),
    generateSecret("HS256", { extractable: true }),
  ]);
  return {
    rsa,
    /** Another RSA key, e.g. an attacker's. */
    rsaOther,
    rsa1024: nodeRsaKey("rsa-weak", 1024),
    rsaExponent3: nodeRsaKey("rsa-e3", 2048, 3),
    ec256,
    ec384,
    ed25519,
    hmacSecret: KeyObject.from(hmac as CryptoKey).export(),
  };
}

export type TestKeys = Awaited<ReturnType<typeof generateTestKeys>>;

export const fixedNow = new Date("2026-11-23T12:00:00Z");
const nowSeconds = fixedNow.getTime() / 1000;

/** A plausible workload token's claims at `fixedNow`. */
export function claimsAt(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: "https://issuer.example",
    sub: "repo:contoso/api:environment:prod",
    aud: "api://AzureADTokenExchange",
    iat: nowSeconds - 60,
    nbf: nowSeconds - 60,
    exp: nowSeconds + 540,
    ...overrides,
  };
}
