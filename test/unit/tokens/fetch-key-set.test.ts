import { describe, expect, it } from "vitest";
import {
  discoveryMaxBytes,
  discoveryUrl,
  fetchIssuerKeySet,
  jwksMaxBytes,
  type FetchJson,
} from "@/lib/tokens/fetch-key-set";

const issuerUrl = "https://issuer.example";
const jwksUri = "https://keys.issuer.example/jwks";
const rsaKey = { kty: "RSA", kid: "k1", n: "AQAB", e: "AQAB" };

type Reply = Awaited<ReturnType<FetchJson>>;
type Success = Extract<Reply, { ok: true }>;

/** Answers by URL like a tiny web of issuer documents and records each call. */
function stubFetch(routes: Record<string, Reply>) {
  const calls: { url: string; maxBytes?: number }[] = [];
  const fetchJson: FetchJson = async (url, options) => {
    calls.push({ url, maxBytes: options?.maxBytes });
    return (
      routes[url] ?? { ok: false, status: 404, error: "the issuer answered 404", latencyMs: 1 }
    );
  };
  return { calls, fetchJson };
}

const ok = (json: unknown, latencyMs = 10): Success => ({ ok: true, status: 200, json, latencyMs });
const discovery = (document: object = { issuer: issuerUrl, jwks_uri: jwksUri }) => ({
  [discoveryUrl(issuerUrl)]: ok(document, 7),
});

describe("discoveryUrl", () => {
  it.each([
    ["https://issuer.example", "https://issuer.example/.well-known/openid-configuration"],
    [
      "https://oidc.prod-aks.azure.com/tenant/guid/",
      "https://oidc.prod-aks.azure.com/tenant/guid/.well-known/openid-configuration",
    ],
  ])("appends the well-known path to %s (OIDC Discovery 1.0 §4)", (issuer, url) => {
    expect(discoveryUrl(issuer)).toBe(url);
  });
});

describe("fetchIssuerKeySet", () => {
  it("follows discovery to jwks_uri with the byte caps, adding both latencies", async () => {
    const { calls, fetchJson } = stubFetch({ ...discovery(), [jwksUri]: ok({ keys: [rsaKey] }) });
    expect(await fetchIssuerKeySet({ issuerUrl, jwksUri: null }, fetchJson)).toEqual({
      ok: true,
      jwksUri,
      keys: [rsaKey],
      httpStatus: 200,
      latencyMs: 17,
      note: null,
    });
    expect(calls).toEqual([
      { url: discoveryUrl(issuerUrl), maxBytes: discoveryMaxBytes },
      { url: jwksUri, maxBytes: jwksMaxBytes },
    ]);
  });

  it("uses the JWKS override without asking discovery", async () => {
    const { calls, fetchJson } = stubFetch({ [jwksUri]: ok({ keys: [rsaKey] }) });
    const result = await fetchIssuerKeySet({ issuerUrl, jwksUri }, fetchJson);
    expect(result).toMatchObject({ ok: true, keys: [rsaKey] });
    expect(calls.map((call) => call.url)).toEqual([jwksUri]);
  });

  it("notes, without failing, a discovery issuer that differs from the catalogued one (§4.3)", async () => {
    const { fetchJson } = stubFetch({
      ...discovery({ issuer: `${issuerUrl}/`, jwks_uri: jwksUri }),
      [jwksUri]: ok({ keys: [rsaKey] }),
    });
    expect(await fetchIssuerKeySet({ issuerUrl, jwksUri: null }, fetchJson)).toMatchObject({
      ok: true,
      note: 'discovery names the issuer "https://issuer.example/", not the catalogued "https://issuer.example"; OIDC Discovery 1.0 §4.3 requires them to be identical',
    });
  });

  it("passes on the fetch's warnings about untyped documents, naming which one", async () => {
    const untyped = "served without a Content-Type, not application/json; read as JSON";
    const octet = "served as binary/octet-stream, not application/json; read as JSON";
    const { fetchJson } = stubFetch({
      [discoveryUrl(issuerUrl)]: {
        ...ok({ issuer: issuerUrl, jwks_uri: jwksUri }),
        warning: untyped,
      },
      [jwksUri]: { ...ok({ keys: [rsaKey] }), warning: octet },
    });
    expect(await fetchIssuerKeySet({ issuerUrl, jwksUri: null }, fetchJson)).toMatchObject({
      ok: true,
      keys: [rsaKey],
      note: `discovery ${discoveryUrl(issuerUrl)} ${untyped}; JWKS ${jwksUri} ${octet}`,
    });
  });

  it.each<[string, Record<string, Reply>, object]>([
    [
      "a failed discovery fetch",
      { [discoveryUrl(issuerUrl)]: { ok: false, error: "timed out after 5 s", latencyMs: 5_000 } },
      {
        jwksUri: null,
        httpStatus: null,
        latencyMs: 5_000,
        error: `discovery ${discoveryUrl(issuerUrl)}: timed out after 5 s`,
      },
    ],
    [
      "a discovery document that is not an object",
      { [discoveryUrl(issuerUrl)]: ok([1]) },
      { error: expect.stringMatching(/is not a JSON object$/), httpStatus: 200 },
    ],
    [
      "a discovery document without jwks_uri",
      discovery({ issuer: issuerUrl }),
      { error: expect.stringMatching(/has no jwks_uri$/) },
    ],
    [
      "a JWKS answering 404",
      discovery(),
      { jwksUri, httpStatus: 404, latencyMs: 8, error: `JWKS ${jwksUri}: the issuer answered 404` },
    ],
    [
      "a JWKS without a keys array",
      { ...discovery(), [jwksUri]: ok({ key: [] }) },
      { error: expect.stringMatching(/not a JSON object with a keys array/) },
    ],
    [
      "a JWKS of 5,000 keys (J30)",
      { ...discovery(), [jwksUri]: ok({ keys: Array(5_000).fill(rsaKey) }) },
      { error: expect.stringMatching(/has 5,000 keys; Fedlens reads at most 100$/) },
    ],
    [
      "a JWKS with a private key (J30)",
      { ...discovery(), [jwksUri]: ok({ keys: [{ ...rsaKey, d: "AQAB" }] }) },
      { error: expect.stringMatching(/publishes private key material \(kid "k1"\)/) },
    ],
    [
      "a JWKS of symmetric keys only (J30)",
      { ...discovery(), [jwksUri]: ok({ keys: [{ kty: "oct", k: "AQAB" }] }) },
      { error: expect.stringMatching(/has no public RSA, EC or OKP keys$/) },
    ],
  ])("fails on %s", async (_label, routes, expected) => {
    const { fetchJson } = stubFetch(routes);
    expect(await fetchIssuerKeySet({ issuerUrl, jwksUri: null }, fetchJson)).toMatchObject({
      ok: false,
      ...expected,
    });
  });

  it("drops symmetric and malformed entries and notes it (J30)", async () => {
    const { fetchJson } = stubFetch({
      [jwksUri]: ok({ keys: [{ kty: "oct", k: "AQAB" }, "junk", rsaKey] }),
    });
    expect(await fetchIssuerKeySet({ issuerUrl, jwksUri }, fetchJson)).toMatchObject({
      ok: true,
      keys: [rsaKey],
      note: "ignored 2 JWKS entries that are not a public RSA, EC or OKP key",
    });
  });
});
