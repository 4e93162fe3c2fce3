// Token content never makes a 500 (issue 10 item 1; SECURITY.md J5, J20,
// J29): a claim or header holding NUL, a lone surrogate, a bidi override or a
// look-alike letter is diagnosed and evaluated like any other token, with the
// exact values in the answer and a storable, visibly escaped copy in the
// history. Every hostile token of the suite goes through both routes without
// a 5xx.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { getDb } from "@/lib/db/client";
import type { TIssuer } from "@/lib/schemas/issuer";
import { decodeUnverified } from "@/lib/tokens/decode";
import {
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
  uniqueSuffix,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser, type TestUser } from "@/test/factories/users";
import { generateTestKeys, type TestKeys } from "@/test/unit/tokens/support/forge";
import { hostileTokens, strangeCharacterTokens } from "@/test/unit/tokens/support/hostile-tokens";
import { diagnose, diagnoseCall, evaluate, evaluateCall } from "./support";

let keys: TestKeys;
let realm: TIssuer;
let viewer: TestUser;
let viewerToken: string;
let binding: ReturnType<typeof azureSpec>;

const now = Math.floor(Date.now() / 1000);
/** Claims of the catalogued realm, current, for the bound workload. */
const claims = () => ({
  iss: realm.issuerUrl,
  sub: "system:serviceaccount:apps:deployer",
  aud: "api://AzureADTokenExchange",
  iat: now - 30,
  exp: now + 300,
});

beforeAll(async () => {
  keys = await generateTestKeys();
  realm = await createIssuer({
    actor: systemActor("strange-characters-test"),
    requestId: randomUUID(),
    input: {
      name: `realm ${uniqueSuffix()}`,
      issuerUrl: `https://idp-${uniqueSuffix()}.example.test`,
      kind: "generic",
      jwks: { keys: [keys.rsa.jwk] },
    },
  });
  const workload = await createTestWorkload({
    issuer: realm,
    subjectSpec: { kind: "free", subject: claims().sub },
  });
  binding = azureSpec(workload);
  await createTestBinding({
    workload,
    target: await createTestTarget("azure-uami"),
    spec: binding,
  });
  viewer = await createTestUser({ role: "viewer" });
  viewerToken = await createTestToken(viewer);
});

const strange = strangeCharacterTokens(() => keys, claims);

function strangeToken(label: string): string {
  const found = strange.find(([name]) => name === label);
  if (!found) throw new Error(`no strange token "${label}"`);
  return found[1]();
}

async function storedRow(tokenSha256: string) {
  return getDb().diagnosedToken.findFirstOrThrow({
    where: { tokenSha256 },
    select: { iss: true, sub: true, aud: true, jti: true, kid: true, alg: true },
  });
}

describe("a token whose values hold strange characters", () => {
  it.each(strange)(
    "is diagnosed with %s, its values exactly as the token holds them",
    async (_case, build) => {
      const token = build();
      const decoded = decodeUnverified(token);
      if (!decoded.ok) throw new Error(decoded.problem.message);

      const diagnosis = await diagnose(token, viewerToken);

      expect(diagnosis.header).toEqual(decoded.header);
      expect(diagnosis.claims).toEqual(decoded.claims);
    },
  );

  it.each(strange)("is evaluated with %s", async (_case, build) => {
    const evaluation = await evaluate({ token: build(), binding }, viewerToken);

    expect(evaluation.checks.length).toBeGreaterThan(0);
  });

  it.each([
    ["NUL in sub", { sub: "repo:contoso/api⟨U+0000⟩" }],
    ["NUL in jti", { jti: "id⟨U+0000⟩x" }],
    ["NUL in kid", { kid: "rsa-1⟨U+0000⟩" }],
    ["NUL in alg", { alg: "RS256⟨U+0000⟩" }],
    ["NUL inside aud", { aud: "api⟨U+0000⟩x" }],
    ["a lone surrogate in sub", { sub: "x⟨U+D800⟩" }],
    ["a lone low surrogate in an aud entry", { aud: ["api⟨U+DC00⟩"] }],
  ])("keeps %s in the history written visibly", async (label, stored) => {
    const diagnosis = await diagnose(strangeToken(label), viewerToken);

    expect(await storedRow(diagnosis.tokenSha256)).toMatchObject(stored);
  });

  it.each(["NUL at the end of iss", "a zero-width space in iss"])(
    "says an iss with %s is not catalogued, naming the realm as a near miss",
    async (label) => {
      const diagnosis = await diagnose(strangeToken(label), viewerToken);

      expect(diagnosis.issuer.exact).toBeNull();
      expect(diagnosis.issuer.nearMisses.map((issuer) => issuer.id)).toEqual([realm.id]);
      expect(diagnosis.signature).toMatchObject({
        status: "unverifiable",
        reason: "issuer_not_catalogued",
      });
      expect(diagnosis.results.map((result) => result.issuerMatch)).toEqual(["near"]);
    },
  );

  it("says an iss ending in a lone surrogate is not catalogued", async () => {
    const diagnosis = await diagnose(
      strangeToken("a lone surrogate at the end of iss"),
      viewerToken,
    );

    expect(diagnosis.issuer.exact).toBeNull();
    expect(diagnosis.signature).toMatchObject({ reason: "issuer_not_catalogued" });
    expect(await storedRow(diagnosis.tokenSha256)).toMatchObject({
      iss: `${realm.issuerUrl}⟨U+D800⟩`,
    });
  });

  it("names the realm as a near miss of an iss spelled with a Cyrillic і", async () => {
    const diagnosis = await diagnose(strangeToken("a Cyrillic і in iss"), viewerToken);

    expect(diagnosis.claims.iss).toBe(realm.issuerUrl.replace("i", "\u0456"));
    expect(diagnosis.issuer.exact).toBeNull();
    expect(diagnosis.issuer.nearMisses.map((issuer) => issuer.id)).toEqual([realm.id]);
    expect(diagnosis.results.map((result) => result.issuerMatch)).toEqual(["near"]);
    expect(await storedRow(diagnosis.tokenSha256)).toMatchObject({ iss: diagnosis.claims.iss });
  });
});

describe("every hostile token of the suite", () => {
  const suite: [string, () => string | Promise<string>][] = [
    ...hostileTokens(() => keys).map(([label, build]) => [label, build] as [string, typeof build]),
    ...strange,
  ];

  it.each(suite)("%s: neither route answers 5xx", async (_case, build) => {
    const token = await build();

    const diagnosed = await diagnoseCall(token, viewerToken);
    const evaluated = await evaluateCall({ token, binding }, viewerToken);

    expect(diagnosed.status, await diagnosed.text()).toBeLessThan(500);
    expect(evaluated.status, await evaluated.text()).toBeLessThan(500);
  });
});
