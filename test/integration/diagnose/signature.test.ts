// The signature verdict of POST /api/v1/diagnose with keys Fedlens fetches
// itself through the SSRF-safe fetch (SECURITY.md 1.1 step 5; issue 4 items
// 1, 2 and 4): the catalogued issuer's JWKS override, the key cache and its
// once-a-minute refetch, a dead key server, and an uncatalogued issuer whose
// keys only an operator may have fetched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { keySetRefetchIntervalMs } from "@/lib/tokens/key-source";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  generateSigningKey,
  keycloakClientCredentialsClaims,
  startOidcIssuer,
  type IssuerAlg,
  type OidcIssuer,
} from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, catalogueIssuer, diagnose } from "./support";

allowLoopbackIssuers();

let issuer: OidcIssuer;
let viewerToken: string;
let operatorToken: string;

beforeAll(async () => {
  issuer = await startOidcIssuer({ algs: ["RS256", "ES256", "EdDSA"] });
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
});

afterAll(() => issuer.stop());

/** A fresh catalogued realm (own key cache) served by `keys`, and claims it issues. */
async function realm(keys: OidcIssuer = issuer) {
  const row = await catalogueIssuer(keys, { kind: "keycloak" });
  const claims = keycloakClientCredentialsClaims({
    realmUrl: row.issuerUrl,
    clientId: "reporting-service",
  });
  return { row, claims };
}

/** Pretends the last key fetch for the issuer happened over a minute ago. */
async function ageKeyCache(issuerId: string) {
  await getDb().issuerKeySet.update({
    where: { issuerId },
    data: { checkedAt: new Date(Date.now() - keySetRefetchIntervalMs - 1_000) },
  });
}

describe("a catalogued issuer", () => {
  it.each<IssuerAlg>(["RS256", "ES256", "EdDSA"])(
    "verifies a token signed with the issuer's %s key as valid, naming the key and its source",
    async (alg) => {
      const { row, claims } = await realm();
      const key = issuer.currentKey(alg);

      const diagnosis = await diagnose(await issuer.mint(claims, { alg }), viewerToken);

      expect(diagnosis.issuer.exact?.id).toBe(row.id);
      expect(diagnosis.signature).toMatchObject({
        status: "valid",
        issuerId: row.id,
        kid: key.kid,
        alg,
        keysFrom: issuer.jwksUri,
      });
      expect(diagnosis.signature.reason).toBeUndefined();
    },
  );

  it("says invalid (signature_invalid) for a token signed by another key under the same kid", async () => {
    const { claims } = await realm();
    const impostor = await generateSigningKey("RS256", issuer.currentKey().kid);

    const diagnosis = await diagnose(await issuer.mint(claims, { key: impostor }), viewerToken);

    expect(diagnosis.signature).toMatchObject({
      status: "invalid",
      reason: "signature_invalid",
      kid: impostor.kid,
    });
  });

  it("says no_matching_key for an unknown kid without refetching keys fetched under a minute ago", async () => {
    const { claims } = await realm();
    await diagnose(await issuer.mint(claims), viewerToken);
    const fetches = issuer.requestCount("/jwks");

    const diagnosis = await diagnose(
      await issuer.mint(claims, { kid: "kid-nobody-published" }),
      viewerToken,
    );

    expect(diagnosis.signature).toMatchObject({
      status: "invalid",
      reason: "no_matching_key",
      kid: "kid-nobody-published",
    });
    expect(issuer.requestCount("/jwks")).toBe(fetches);
  });

  it("refetches once for a rotated key's new kid, then verifies with it", async () => {
    const rotating = await startOidcIssuer();
    try {
      const { row, claims } = await realm(rotating);
      await diagnose(await rotating.mint(claims), viewerToken);
      expect(rotating.requestCount("/jwks")).toBe(1);
      const rotated = await rotating.rotate();
      await ageKeyCache(row.id);

      const diagnosis = await diagnose(await rotating.mint(claims), viewerToken);

      expect(diagnosis.signature).toMatchObject({ status: "valid", kid: rotated.kid });
      expect(rotating.requestCount("/jwks")).toBe(2);
      // The refetch used this minute's allowance: another unknown kid is not fetched for.
      const unknown = await diagnose(await rotating.mint(claims, { kid: "next" }), viewerToken);
      expect(unknown.signature).toMatchObject({ reason: "no_matching_key" });
      expect(rotating.requestCount("/jwks")).toBe(2);
    } finally {
      await rotating.stop();
    }
  });

  it.each([
    [
      "stopped",
      (server: OidcIssuer) => server.stop(),
      /^The issuer's keys are not available: JWKS http:\/\/127\.0\.0\.1:\d+\/jwks: .*refused the connection/,
    ],
    [
      "answering 503",
      async (server: OidcIssuer) => server.failWith(503),
      /^The issuer's keys are not available: JWKS http:\/\/127\.0\.0\.1:\d+\/jwks: .*503/,
    ],
  ])(
    "says unverifiable (keys_unavailable) when the key server is %s",
    async (_case, breakServer, message) => {
      const down = await startOidcIssuer();
      try {
        const { row, claims } = await realm(down);
        const token = await down.mint(claims);
        await breakServer(down);

        const diagnosis = await diagnose(token, viewerToken);

        expect(diagnosis.signature).toMatchObject({
          status: "unverifiable",
          reason: "keys_unavailable",
          issuerId: row.id,
          message: expect.stringMatching(message),
        });
      } finally {
        await down.stop();
      }
    },
  );
});

describe("an issuer not in the catalogue", () => {
  // The token names its own issuer: http://127.0.0.1:<port>, allow-listed.
  const ownClaims = () =>
    keycloakClientCredentialsClaims({ realmUrl: issuer.origin, clientId: "batch" });

  it("gives a viewer 'unverifiable' without any request reaching the issuer", async () => {
    const token = await issuer.mint(ownClaims());
    const before = issuer.requestCount();

    const diagnosis = await diagnose(token, viewerToken);

    expect(issuer.requestCount()).toBe(before);
    expect(diagnosis.issuer).toEqual({ exact: null, nearMisses: [] });
    expect(diagnosis.signature).toMatchObject({
      status: "unverifiable",
      reason: "issuer_not_catalogued",
    });
    expect(diagnosis.signature.issuerId).toBeUndefined();
  });

  it("gives an operator a verdict from the issuer's discovery document and JWKS", async () => {
    const token = await issuer.mint(ownClaims());
    const before = issuer.requests.length;

    const diagnosis = await diagnose(token, operatorToken);

    expect(issuer.requests.slice(before)).toEqual(["/.well-known/openid-configuration", "/jwks"]);
    expect(diagnosis.signature).toMatchObject({
      status: "valid",
      kid: issuer.currentKey().kid,
      keysFrom: issuer.jwksUri,
    });
  });

  it("gives an operator 'invalid' for a token the issuer's keys do not verify", async () => {
    const impostor = await generateSigningKey("RS256", issuer.currentKey().kid);

    const diagnosis = await diagnose(
      await issuer.mint(ownClaims(), { key: impostor }),
      operatorToken,
    );

    expect(diagnosis.signature).toMatchObject({ status: "invalid", reason: "signature_invalid" });
  });
});
