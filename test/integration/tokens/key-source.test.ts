// keysForIssuer / refreshIssuerKeys against the real database, with a stub in
// place of the SSRF-safe fetch (issue 4 item 2; SECURITY.md J6, J30): TTL,
// the once-a-minute unknown-kid refetch, last good keys kept on failure,
// and the health row an issuer page shows.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { FetchJson } from "@/lib/tokens/fetch-key-set";
import {
  keySetRefetchIntervalMs,
  keySetTtlMs,
  keysForIssuer,
  refreshIssuerKeys,
  type KeySourceIssuer,
} from "@/lib/tokens/key-source";
import { verifySignature } from "@/lib/tokens/verify";
import { createTestIssuer } from "@/test/factories/catalog";
import {
  claimsAt,
  forge,
  generateTestKeys,
  signerFor,
  type TestKeys,
} from "@/test/unit/tokens/support/forge";

type Reply = Awaited<ReturnType<FetchJson>>;

let keys: TestKeys;
let issuer: KeySourceIssuer;
let now: Date;
let routes: Record<string, Reply>;
let calls: string[];

const t0 = new Date("2026-11-23T12:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const jwksUri = () => `${issuer.issuerUrl}/keys`;
const discovery = () => `${issuer.issuerUrl}/.well-known/openid-configuration`;
const ok = (json: unknown): Reply => ({ ok: true, status: 200, json, latencyMs: 12 });
const failing: Reply = { ok: false, status: 500, error: "the issuer answered 500", latencyMs: 30 };

const fetchJson: FetchJson = async (url) => {
  calls.push(url);
  return routes[url] ?? { ok: false, status: 404, error: "the issuer answered 404", latencyMs: 1 };
};
const options = (kid?: string) => ({ kid, now: () => now, fetchJson });
const jwksCalls = () => calls.filter((url) => url === jwksUri()).length;
const publish = (...jwks: object[]) => {
  routes[discovery()] = ok({ issuer: issuer.issuerUrl, jwks_uri: jwksUri() });
  routes[jwksUri()] = ok({ keys: jwks });
};

beforeEach(async () => {
  keys ??= await generateTestKeys();
  const row = await createTestIssuer("generic");
  issuer = { id: row.id, issuerUrl: row.issuerUrl, jwksUri: null };
  now = t0;
  routes = {};
  calls = [];
  publish(keys.rsa.jwk);
});

describe("keysForIssuer", () => {
  it("fetches discovery then the JWKS once, stores keys and health, then serves the cache", async () => {
    const first = await keysForIssuer(issuer, options("rsa-1"));
    expect(first).toMatchObject({
      ok: true,
      jwks: { keys: [keys.rsa.jwk] },
      jwksUri: jwksUri(),
      fetchedAt: t0,
      stale: false,
      refetched: true,
      health: { ok: true, httpStatus: 200, latencyMs: 24, lastError: null, keyCount: 1 },
    });
    expect(calls).toEqual([discovery(), jwksUri()]);
    const row = await getDb().issuerKeySet.findUnique({ where: { issuerId: issuer.id } });
    expect(row).toMatchObject({ ok: true, jwksUri: jwksUri(), checkedAt: t0, fetchedAt: t0 });

    now = later(keySetTtlMs - 1);
    expect(await keysForIssuer(issuer, options("rsa-1"))).toMatchObject({
      ok: true,
      refetched: false,
    });
    expect(calls).toHaveLength(2);
  });

  it("refetches once the keys are older than the TTL, even for a known kid", async () => {
    await keysForIssuer(issuer, options("rsa-1"));
    now = later(keySetTtlMs);
    expect(await keysForIssuer(issuer, options("rsa-1"))).toMatchObject({
      refetched: true,
      fetchedAt: now,
    });
    expect(jwksCalls()).toBe(2);
  });

  it("refetches for an unknown kid at most once a minute per issuer (J6)", async () => {
    await keysForIssuer(issuer, options("rsa-1"));
    now = later(keySetRefetchIntervalMs - 1);
    expect(await keysForIssuer(issuer, options("rotated"))).toMatchObject({
      ok: true,
      refetched: false,
    });
    expect(jwksCalls()).toBe(1);

    now = later(keySetRefetchIntervalMs);
    publish(keys.rsa.jwk, { ...keys.rsaOther.jwk, kid: "rotated" });
    const rotated = await keysForIssuer(issuer, options("rotated"));
    expect(rotated).toMatchObject({ ok: true, refetched: true });
    expect(rotated.ok && rotated.jwks.keys.map((key) => key.kid)).toEqual(["rsa-1", "rotated"]);
    expect(jwksCalls()).toBe(2);
  });

  it("lets 100 concurrent tokens with random kids cause a single fetch (J6)", async () => {
    await keysForIssuer(issuer, options("rsa-1"));
    now = later(5 * keySetRefetchIntervalMs);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => keysForIssuer(issuer, options(randomUUID()))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(results.filter((result) => result.ok && result.refetched)).toHaveLength(1);
    expect(jwksCalls()).toBe(2);
  });

  it("keeps the last good keys when a refetch fails, and records the failure as health", async () => {
    await keysForIssuer(issuer, options("rsa-1"));
    routes[jwksUri()] = failing;
    now = later(keySetTtlMs + 1);
    expect(await keysForIssuer(issuer, options("rsa-1"))).toMatchObject({
      ok: true,
      jwks: { keys: [keys.rsa.jwk] },
      fetchedAt: t0,
      stale: true,
      refetched: true,
      health: {
        ok: false,
        checkedAt: now,
        fetchedAt: t0,
        httpStatus: 500,
        latencyMs: 42,
        lastError: `JWKS ${jwksUri()}: the issuer answered 500`,
        keyCount: 1,
      },
    });
    // A dead issuer is not hammered: the next minute is served from the cache.
    now = later(keySetTtlMs + keySetRefetchIntervalMs);
    expect(await keysForIssuer(issuer, options("rsa-1"))).toMatchObject({
      stale: true,
      refetched: false,
    });
    expect(jwksCalls()).toBe(2);
  });

  it("says the keys are unavailable when the first fetch fails, and retries after a minute", async () => {
    routes[discovery()] = failing;
    expect(await keysForIssuer(issuer, options("rsa-1"))).toMatchObject({
      ok: false,
      reason: "keys_unavailable",
      message: `The issuer's keys are not available: discovery ${discovery()}: the issuer answered 500.`,
      health: { ok: false, fetchedAt: null, httpStatus: 500, keyCount: 0 },
    });
    now = later(keySetRefetchIntervalMs - 1);
    expect(await keysForIssuer(issuer, options("rsa-1"))).toMatchObject({ ok: false });
    expect(calls).toHaveLength(1);
    publish(keys.rsa.jwk);
    now = later(keySetRefetchIntervalMs);
    expect(await keysForIssuer(issuer, options("rsa-1"))).toMatchObject({
      ok: true,
      refetched: true,
    });
  });

  it("uses the JWKS override and refetches at once when it changes", async () => {
    const override = { ...issuer, jwksUri: "https://keys.example.test/a" };
    routes[override.jwksUri] = ok({ keys: [keys.rsa.jwk] });
    expect(await keysForIssuer(override, options("rsa-1"))).toMatchObject({
      ok: true,
      jwksUri: override.jwksUri,
    });
    expect(calls).toEqual([override.jwksUri]);

    const edited = { ...issuer, jwksUri: "https://keys.example.test/b" };
    routes[edited.jwksUri] = ok({ keys: [keys.ec256.jwk] });
    now = later(1_000);
    const result = await keysForIssuer(edited, options("ec-256"));
    expect(result).toMatchObject({
      ok: true,
      jwksUri: edited.jwksUri,
      jwks: { keys: [keys.ec256.jwk] },
    });
  });

  it("drops the old source's keys when a changed override cannot be fetched, then throttles", async () => {
    const override = { ...issuer, jwksUri: "https://keys.example.test/a" };
    routes[override.jwksUri] = ok({ keys: [keys.rsa.jwk] });
    await keysForIssuer(override, options("rsa-1"));

    const edited = { ...issuer, jwksUri: "https://keys.example.test/broken" };
    now = later(1_000);
    expect(await keysForIssuer(edited, options("rsa-1"))).toMatchObject({
      ok: false,
      reason: "keys_unavailable",
      health: { jwksUri: edited.jwksUri, keyCount: 0, fetchedAt: null },
    });
    now = later(2_000);
    expect(await keysForIssuer(edited, options("rsa-1"))).toMatchObject({ ok: false });
    expect(calls).toEqual([override.jwksUri, edited.jwksUri]);
  });

  it("notes a discovery issuer mismatch on a successful fetch", async () => {
    routes[discovery()] = ok({ issuer: `${issuer.issuerUrl}/`, jwks_uri: jwksUri() });
    const result = await keysForIssuer(issuer, options());
    expect(result).toMatchObject({
      ok: true,
      health: { ok: true, lastError: expect.stringMatching(/§4\.3/) },
    });
  });

  it("refuses a JWKS that publishes private key material and stores none of it (J30)", async () => {
    publish({ ...keys.rsa.privateKey.export({ format: "jwk" }), kid: "rsa-1" });
    expect(await keysForIssuer(issuer, options("rsa-1"))).toMatchObject({ ok: false });
    const row = await getDb().issuerKeySet.findUnique({ where: { issuerId: issuer.id } });
    expect(row).toMatchObject({
      ok: false,
      keys: null,
      lastError: expect.stringMatching(/private key material/),
    });
  });

  it("gives keys that verify a token signed by the issuer", async () => {
    const token = forge(
      { alg: "RS256", kid: "rsa-1" },
      claimsAt(),
      signerFor("RS256", keys.rsa.privateKey),
    );
    const result = await keysForIssuer(issuer, options("rsa-1"));
    if (!result.ok) throw new Error(result.message);
    expect(await verifySignature(token, result.jwks)).toMatchObject({
      status: "valid",
      kid: "rsa-1",
    });
  });
});

describe("refreshIssuerKeys", () => {
  it("fetches at once, ignoring the throttle, and returns the recorded health", async () => {
    await keysForIssuer(issuer, options("rsa-1"));
    now = later(1_000);
    routes[jwksUri()] = failing;
    expect(await refreshIssuerKeys(issuer, options())).toEqual({
      ok: false,
      checkedAt: now,
      fetchedAt: t0,
      jwksUri: jwksUri(),
      httpStatus: 500,
      latencyMs: 42,
      lastError: `JWKS ${jwksUri()}: the issuer answered 500`,
      keyCount: 1,
    });
    publish(keys.rsa.jwk, keys.ec256.jwk);
    now = later(2_000);
    expect(await refreshIssuerKeys(issuer, options())).toMatchObject({
      ok: true,
      fetchedAt: now,
      keyCount: 2,
    });
    expect(jwksCalls()).toBe(3);
  });
});
