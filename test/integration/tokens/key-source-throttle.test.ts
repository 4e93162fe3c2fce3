// The once-a-minute fetch throttle of keysForIssuer must also hold after a
// failed fetch (issue 10 item 8): a failure leaves no keys behind, and an
// empty cache must not pass for "the operator changed the JWKS override",
// which is the one case allowed to fetch at once.
import { beforeEach, describe, expect, it } from "vitest";
import type { FetchJson } from "@/lib/tokens/fetch-key-set";
import {
  keySetRefetchIntervalMs,
  keysForIssuer,
  type KeySourceIssuer,
} from "@/lib/tokens/key-source";
import { createTestIssuer } from "@/test/factories/catalog";
import { generateTestKeys, type TestKeys } from "@/test/unit/tokens/support/forge";

type Reply = Awaited<ReturnType<FetchJson>>;

let keys: TestKeys;
let issuer: KeySourceIssuer;
let now: Date;
let calls: string[];
let reply: (url: string) => Reply;

const t0 = new Date("2026-11-23T12:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const failing: Reply = { ok: false, status: 503, error: "the issuer answered 503", latencyMs: 5 };
const fetchJson: FetchJson = async (url) => {
  calls.push(url);
  return reply(url);
};
const options = { kid: "rsa-1", now: () => now, fetchJson };

beforeEach(async () => {
  keys ??= await generateTestKeys();
  const row = await createTestIssuer("generic");
  issuer = { id: row.id, issuerUrl: row.issuerUrl, jwksUri: "https://keys.example.test/a" };
  now = t0;
  calls = [];
  reply = () => failing;
});

describe("keysForIssuer after a failed fetch", () => {
  it("does not fetch a JWKS override again within the minute after its first fetch failed", async () => {
    expect(await keysForIssuer(issuer, options)).toMatchObject({
      ok: false,
      reason: "keys_unavailable",
    });
    now = later(1_000);
    expect(await keysForIssuer(issuer, options)).toMatchObject({ ok: false });
    now = later(keySetRefetchIntervalMs - 1);
    expect(await keysForIssuer(issuer, options)).toMatchObject({ ok: false });
    expect(calls).toEqual([issuer.jwksUri]);

    reply = () => ({ ok: true, status: 200, json: { keys: [keys.rsa.jwk] }, latencyMs: 5 });
    now = later(keySetRefetchIntervalMs);
    expect(await keysForIssuer(issuer, options)).toMatchObject({ ok: true, refetched: true });
    expect(calls).toHaveLength(2);
  });

  it("lets requests arriving while an override's first fetch is under way wait for it, not fetch too", async () => {
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slowFetch: FetchJson = async (url) => {
      // Only the first fetch is slow: a second one, if any, answers at once.
      if (calls.push(url) === 1) await answered;
      return { ok: true, status: 200, json: { keys: [keys.rsa.jwk] }, latencyMs: 5 };
    };
    const first = keysForIssuer(issuer, { ...options, fetchJson: slowFetch });
    await expect.poll(() => calls.length).toBe(1);
    const meanwhile = await Promise.all(
      Array.from({ length: 5 }, () => keysForIssuer(issuer, { ...options, fetchJson: slowFetch })),
    );
    answer();
    expect(meanwhile.map((result) => result.ok)).toEqual(Array(5).fill(false));
    expect(await first).toMatchObject({ ok: true, refetched: true });
    expect(calls).toEqual([issuer.jwksUri]);
  });

  it("does not fetch again within the minute after a changed override's fetch threw", async () => {
    reply = () => ({ ok: true, status: 200, json: { keys: [keys.rsa.jwk] }, latencyMs: 5 });
    await keysForIssuer(issuer, options);

    const edited = { ...issuer, jwksUri: "https://keys.example.test/b" };
    reply = () => {
      throw new Error("socket hang up");
    };
    now = later(1_000);
    expect(await keysForIssuer(edited, options)).toMatchObject({
      ok: false,
      health: { jwksUri: edited.jwksUri, keyCount: 0, fetchedAt: null },
    });
    now = later(2_000);
    expect(await keysForIssuer(edited, options)).toMatchObject({ ok: false });
    expect(calls).toEqual([issuer.jwksUri, edited.jwksUri]);
  });
});
