// Pasted keys (SECURITY.md 2.3 "No-fetch option"): an operator gives an
// issuer's JWKS instead of a place to fetch it; diagnoses then verify with
// those keys and Fedlens never calls the issuer. The pasted set is screened
// like a fetched one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/issuers/route";
import * as item from "@/app/api/v1/issuers/[id]/route";
import type { TIssuer } from "@/lib/schemas/issuer";
import { uniqueSuffix } from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";
import { startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";
import { diagnose } from "./support";

let issuer: OidcIssuer;
let operatorToken: string;

beforeAll(async () => {
  issuer = await startOidcIssuer();
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
});

afterAll(() => issuer.stop());

function create(body: object) {
  return call(collection.POST, {
    method: "POST",
    path: "/api/v1/issuers",
    token: operatorToken,
    body: {
      name: `pasted ${uniqueSuffix()}`,
      issuerUrl: `https://private-${uniqueSuffix()}.example.test`,
      kind: "keycloak",
      ...body,
    },
  });
}

async function created(body: object): Promise<TIssuer> {
  const response = await create(body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as TIssuer;
}

function patch(issuerToEdit: TIssuer, body: object) {
  return call(item.PATCH, {
    method: "PATCH",
    path: `/api/v1/issuers/${issuerToEdit.id}`,
    params: { id: issuerToEdit.id },
    token: operatorToken,
    headers: { "if-match": `"v${issuerToEdit.version}"` },
    body,
  });
}

async function mintFor(issuerUrl: string, options?: Parameters<OidcIssuer["mint"]>[1]) {
  const now = Math.floor(Date.now() / 1000);
  return issuer.mint(
    { iss: issuerUrl, sub: "service-account-ci", aud: "api://x", iat: now - 5, exp: now + 300 },
    options,
  );
}

async function invalidParam(response: Response, name: string): Promise<string> {
  expect(response.status).toBe(422);
  const problem = await problemOf(response);
  const reason = problem.invalid_params?.find((entry) => entry.name === name)?.reason;
  expect(reason, JSON.stringify(problem)).toBeDefined();
  return reason ?? "";
}

describe("an issuer with pasted keys", () => {
  it("verifies its tokens with the pasted keys and never calls the issuer", async () => {
    const catalogued = await created({ jwks: issuer.jwks() });
    expect(catalogued.jwks?.keys.map((key) => key.kid)).toEqual([issuer.currentKey().kid]);
    const before = issuer.requestCount();

    const diagnosis = await diagnose(await mintFor(catalogued.issuerUrl), operatorToken);

    expect(diagnosis.signature).toMatchObject({
      status: "valid",
      issuerId: catalogued.id,
      keysFrom: "the keys pasted into the catalogue",
    });
    expect(issuer.requestCount()).toBe(before);
  });

  it("keeps only the keys' public members, so nothing else pasted is stored", async () => {
    const [key] = issuer.jwks().keys;
    const catalogued = await created({
      jwks: { keys: [{ ...key, note: "eyJhbGciOiJub25lIn0.e30.", x5u: "https://x.test" }] },
    });
    expect(catalogued.jwks?.keys).toEqual([key]);
  });

  it("accepts the JWKS as JSON text, as the form sends it", async () => {
    const catalogued = await created({ jwks: JSON.stringify(issuer.jwks()) });
    expect(catalogued.jwks?.keys).toHaveLength(1);
  });

  it("does not fetch when the issuer rotates: the new key is simply unknown", async () => {
    const catalogued = await created({ jwks: issuer.jwks() });
    const rotated = await issuer.rotate();
    const before = issuer.requestCount();

    const diagnosis = await diagnose(await mintFor(catalogued.issuerUrl), operatorToken);

    expect(diagnosis.signature).toMatchObject({ status: "invalid", reason: "no_matching_key" });
    expect(diagnosis.signature.message).toContain(rotated.kid);
    expect(issuer.requestCount()).toBe(before);
  });

  it.each([
    [
      "private key material",
      () => ({ keys: [{ ...issuer.jwks().keys[0], d: "c2VjcmV0" }] }),
      "private key material",
    ],
    [
      "a symmetric key only",
      () => ({ keys: [{ kty: "oct", k: "c2VjcmV0" }] }),
      "no public RSA, EC or OKP keys",
    ],
    ["an empty key", () => ({ keys: [{}] }), "no public RSA, EC or OKP keys"],
    [
      "a usable key beside an unusable entry",
      () => ({ keys: [...issuer.jwks().keys, { kty: "oct", k: "c2VjcmV0" }] }),
      "ignored 1 JWKS entry that is not a public RSA, EC or OKP key",
    ],
    ["no keys array", () => ({ key: [] }), "keys array"],
    ["JSON text with a duplicate key", () => '{"keys":[],"keys":[]}', "duplicate key"],
    ["text that is not JSON", () => "{keys:", "is not valid JSON: expected a key in double quotes"],
  ])("refuses %s with 422 naming jwks", async (_name, jwks, reason) => {
    expect(await invalidParam(await create({ jwks: jwks() }), "jwks")).toContain(reason);
  });

  it("lets only operators paste keys, and changes nothing for a viewer", async () => {
    const catalogued = await created({ jwks: issuer.jwks() });
    const viewer = await createTestToken(await createTestUser({ role: "viewer" }));
    const attempt = await call(item.PATCH, {
      method: "PATCH",
      path: `/api/v1/issuers/${catalogued.id}`,
      params: { id: catalogued.id },
      token: viewer,
      headers: { "if-match": `"v${catalogued.version}"` },
      body: { jwks: null },
    });
    expect(attempt.status).toBe(403);
    const after = await call(item.GET, {
      path: `/api/v1/issuers/${catalogued.id}`,
      params: { id: catalogued.id },
      token: viewer,
    });
    expect(((await after.json()) as TIssuer).jwks).toEqual(catalogued.jwks);
  });

  it("refuses a JWKS URL beside pasted keys, on create and on edit", async () => {
    const both = await create({ jwks: issuer.jwks(), jwksUri: "https://keys.example.test/jwks" });
    expect(await invalidParam(both, "jwks")).toContain("not both");

    const catalogued = await created({ jwks: issuer.jwks() });
    const edit = await patch(catalogued, { jwksUri: "https://keys.example.test/jwks" });
    expect(await invalidParam(edit, "jwks")).toContain("not both");

    const switched = await patch(catalogued, {
      jwks: null,
      jwksUri: "https://keys.example.test/jwks",
    });
    expect(switched.status).toBe(200);
    expect(await switched.json()).toMatchObject({
      jwks: null,
      jwksUri: "https://keys.example.test/jwks",
    });
  });
});
