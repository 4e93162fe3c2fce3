// SECURITY.md 1.3: the attack recipes that play on the issuer's keys (J3–J7,
// J24, J25, J30), each with the reason code the safe behaviour calls for.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/tokens/verify";
import {
  claimsAt,
  forge,
  generateTestKeys,
  signerFor,
  type TestKeys,
} from "@/test/unit/tokens/support/forge";

let keys: TestKeys;
let server: Server;
let requests = 0;
let loopback = "";

beforeAll(async () => {
  keys = await generateTestKeys();
  server = createServer((_request, response) => {
    requests += 1;
    response.end(JSON.stringify({ keys: [keys.rsaOther.jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  loopback = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const issuerKeys = () => ({ keys: [keys.rsa.jwk, keys.ec256.jwk] });
const rs256 = (header: object, claims: object = claimsAt()) =>
  forge({ alg: "RS256", ...header }, claims, signerFor("RS256", keys.rsa.privateKey));

describe("verifySignature against key attacks of SECURITY.md 1.3", () => {
  it.each([
    ["with the issuer's kid", { kid: "rsa-1" }],
    ["without a kid", {}],
  ])("ignores an embedded attacker jwk %s (J3)", async (_label, header) => {
    const token = forge(
      { alg: "RS256", ...header, jwk: keys.rsaOther.jwk },
      claimsAt(),
      signerFor("RS256", keys.rsaOther.privateKey),
    );
    expect(await verifySignature(token, { keys: [keys.rsa.jwk] })).toMatchObject({
      status: "invalid",
      reason: "signature_invalid",
      message:
        "The signature does not match the issuer's key. The token's own jwk header is ignored.",
    });
  });

  it("never fetches jku, x5u or x5c targets (J4)", async () => {
    const token = forge(
      {
        alg: "RS256",
        kid: "rsa-2",
        jku: `${loopback}/jwks.json`,
        x5u: `${loopback}/cert.pem`,
        x5c: ["MIIB"],
      },
      claimsAt(),
      signerFor("RS256", keys.rsaOther.privateKey),
    );
    expect(await verifySignature(token, issuerKeys())).toMatchObject({ reason: "no_matching_key" });
    expect(requests).toBe(0);
  });

  it.each([
    "../../../../dev/null",
    "/proc/sys/kernel/randomize_va_space",
    "k1' OR '1'='1",
    "k1\u0000",
    "x".repeat(10_000),
  ])("treats an injected kid as an unknown kid and quotes it safely (J5): %#", async (kid) => {
    const verdict = await verifySignature(rs256({ kid }), issuerKeys());
    expect(verdict).toMatchObject({ status: "invalid", reason: "no_matching_key" });
    expect(verdict.message).toMatch(/^No key with kid "/);
    expect(verdict.message.length).toBeLessThan(200);
    expect(verdict.message).not.toContain("\u0000");
    expect(verdict.kid === undefined || verdict.kid.length <= 256).toBe(true);
  });

  it.each([1, null])("says a non-string kid %s can match no key (J5)", async (kid) => {
    expect(await verifySignature(rs256({ kid }), issuerKeys())).toMatchObject({
      reason: "no_matching_key",
      message: expect.stringMatching(/not a string, so no key can match it/),
    });
  });

  it("names the known kids when a token's kid is not in the set (J6)", async () => {
    const token = forge(
      { alg: "RS256", kid: "rotated" },
      claimsAt(),
      signerFor("RS256", keys.rsaOther.privateKey),
    );
    expect(await verifySignature(token, issuerKeys())).toMatchObject({
      reason: "no_matching_key",
      message:
        'No key with kid "rotated" in the issuer\'s key set (2 keys; its kids are "rsa-1", "ec-256").',
    });
  });

  it("verifies with the second of two keys sharing a kid, with a warning (J7)", async () => {
    const twins = { keys: [{ ...keys.rsaOther.jwk, kid: "rsa-1" }, keys.rsa.jwk] };
    expect(await verifySignature(rs256({ kid: "rsa-1" }), twins)).toMatchObject({
      status: "valid",
      warnings: ["The issuer's key set has several keys matching this token (duplicate kid)."],
    });
  });

  it("refuses a token signed by neither of two keys sharing its kid (J7)", async () => {
    const twins = {
      keys: [
        { ...keys.rsaOther.jwk, kid: "rsa-1" },
        { ...keys.rsaExponent3.jwk, kid: "rsa-1" },
      ],
    };
    expect(await verifySignature(rs256({ kid: "rsa-1" }), twins)).toMatchObject({
      status: "invalid",
      reason: "multiple_matching_keys",
      message:
        "2 keys in the issuer's key set match this token (duplicate kid) and none verifies it.",
    });
  });

  it("reports a 1024-bit issuer key as too weak (J24)", async () => {
    const token = forge(
      { alg: "RS256", kid: "rsa-weak" },
      claimsAt(),
      signerFor("RS256", keys.rsa1024.privateKey),
    );
    expect(await verifySignature(token, { keys: [keys.rsa1024.jwk] })).toMatchObject({
      status: "invalid",
      reason: "key_unusable",
      message: "The issuer's key is too weak (1024 bits); RSA keys need 2048 bits or more.",
    });
  });

  it.each([
    [
      "an ES256 token whose kid is a P-384 key",
      "ES256",
      () => keys.ec256,
      () => ({ ...keys.ec384.jwk, kid: "ec-256" }),
      /curve "P-384"; ES256 needs an EC key on P-256/,
    ],
    [
      "an ES384 token whose kid is a P-256 key",
      "ES384",
      () => keys.ec384,
      () => ({ ...keys.ec256.jwk, kid: "ec-384" }),
      /curve "P-256"; ES384 needs an EC key on P-384/,
    ],
  ])("refuses %s: no key of the right curve (J25)", async (_label, alg, signer, jwk, message) => {
    const token = forge({ alg, kid: jwk().kid }, claimsAt(), signerFor(alg, signer().privateKey));
    expect(await verifySignature(token, { keys: [jwk()] })).toMatchObject({
      reason: "no_matching_key",
      message,
    });
  });

  it("refuses an off-curve EC point as an unusable key (J25)", async () => {
    const offCurve = { ...keys.ec256.jwk, y: keys.ec256.jwk.x };
    const token = forge(
      { alg: "ES256", kid: "ec-256" },
      claimsAt(),
      signerFor("ES256", keys.ec256.privateKey),
    );
    expect(await verifySignature(token, { keys: [offCurve] })).toMatchObject({
      status: "invalid",
      reason: "key_unusable",
    });
  });

  it("refuses a key set that publishes private key material (J30)", async () => {
    const leaked = { ...keys.rsa.privateKey.export({ format: "jwk" }), kid: "rsa-1" };
    expect(await verifySignature(rs256({ kid: "rsa-1" }), { keys: [leaked] })).toEqual({
      status: "unverifiable",
      reason: "jwks_invalid",
      message:
        'The issuer publishes private key material (kid "rsa-1"): anyone can sign tokens with it, so no signature proves anything.',
      kid: "rsa-1",
      alg: "RS256",
      warnings: [],
    });
  });

  it("refuses a key set of 5,000 keys (J30)", async () => {
    const many = {
      keys: Array.from({ length: 5_000 }, (_, index) => ({ ...keys.rsa.jwk, kid: `k${index}` })),
    };
    expect(await verifySignature(rs256({ kid: "rsa-1" }), many)).toMatchObject({
      status: "unverifiable",
      reason: "jwks_invalid",
      message: "The issuer's key set has 5,000 keys; Fedlens reads at most 100.",
    });
  });
});
