import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { keyWarningsToConfirm } from "@/lib/catalog/issuers/confirm-key-warnings";
import { getIssuerKeyHealth } from "@/lib/catalog/issuers/get-issuer-key-health";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { TIssuer } from "@/lib/schemas/issuer";
import type { Jwk } from "@/lib/tokens/key-match";
import { createTestIssuer, uniqueSuffix } from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { expectProblem, getItem, ok, postItem } from "./catalog-api";

// Issue 10 item 6: weak issuer keys are shown, pasted or fetched, and keys no
// verifier can use are refused when pasted. Keys are generated at test time.

let operatorToken: string;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
});

function rsaJwk(modulusLength: number, kid: string): Jwk {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength });
  return { ...(publicKey.export({ format: "jwk" }) as Jwk), kid, use: "sig", alg: "RS256" };
}

function offCurveJwk(kid: string): Jwk {
  const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" }) as Jwk;
  return { ...jwk, y: jwk.x, kid };
}

function issuerBody(jwks: unknown) {
  return {
    name: `keys ${uniqueSuffix()}`,
    issuerUrl: `https://keys-${uniqueSuffix()}.issuer.example.test`,
    kind: "generic",
    jwks,
  };
}

const weakWarning =
  'Key "weak": its RSA modulus is 1024 bits, under 2048: Fedlens cannot verify tokens signed with it, and it is too weak to trust.';

describe("issuer keys: strength", () => {
  it("saves pasted keys with a 1024-bit RSA key and returns the warning, also on read", async () => {
    const body = issuerBody({ keys: [rsaJwk(1024, "weak"), rsaJwk(2048, "strong")] });
    const response = await postItem("issuers", operatorToken, body);
    expect(response.status).toBe(201);
    const created = (await response.json()) as TIssuer;
    expect(created.keyWarnings).toEqual([weakWarning]);
    const read = await ok<TIssuer>(await getItem("issuers", operatorToken, created.id));
    expect(read.keyWarnings).toEqual([weakWarning]);
  });

  it("returns no key warnings for strong pasted keys", async () => {
    const response = await postItem(
      "issuers",
      operatorToken,
      issuerBody({ keys: [rsaJwk(2048, "k1")] }),
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as TIssuer).keyWarnings).toEqual([]);
  });

  it("refuses pasted keys with an EC point off its curve, and stores nothing", async () => {
    const body = issuerBody({ keys: [rsaJwk(2048, "ok"), offCurveJwk("bent")] });
    await expectProblem(await postItem("issuers", operatorToken, body), 422, [
      {
        name: "jwks",
        reason:
          'Key "bent" cannot be used: its point (x, y) is not on curve P-256, or a coordinate has the wrong length.',
      },
    ]);
    expect(await getDb().issuer.count({ where: { issuerUrl: body.issuerUrl } })).toBe(0);
  });

  it("shows a fetched key set's weak and unusable keys on the key health", async () => {
    const issuer = await createTestIssuer("generic");
    await getDb().issuerKeySet.create({
      data: {
        issuerId: issuer.id,
        jwksUri: "https://keys.example.test/jwks",
        keys: [
          rsaJwk(1024, "weak"),
          offCurveJwk("bent"),
          rsaJwk(2048, "strong"),
        ] as Prisma.InputJsonArray,
        fetchedAt: new Date(),
        checkedAt: new Date(),
        ok: true,
        httpStatus: 200,
        latencyMs: 12,
      },
    });
    const health = await getIssuerKeyHealth({ issuerId: issuer.id });
    expect(health?.keys.map(({ kid, problem, warnings }) => ({ kid, problem, warnings }))).toEqual([
      {
        kid: "weak",
        problem: null,
        warnings: [
          "its RSA modulus is 1024 bits, under 2048: Fedlens cannot verify tokens signed with it, and it is too weak to trust",
        ],
      },
      {
        kid: "bent",
        problem: "its point (x, y) is not on curve P-256, or a coordinate has the wrong length",
        warnings: [],
      },
      { kid: "strong", problem: null, warnings: [] },
    ]);
  });
});

describe("issuer form: weak pasted keys are confirmed before saving", () => {
  const input = { name: "lab", issuerUrl: "https://lab.example.test", kind: "generic" as const };

  it("answers with the warnings and the values, unsaved, until the operator accepts them", () => {
    const jwks = { keys: [rsaJwk(1024, "weak")] };
    const state = keyWarningsToConfirm({ ...input, jwks }, { id: "i", version: "3" });
    expect(state).toMatchObject({
      status: "error",
      fieldWarnings: { jwks: [weakWarning] },
      values: { id: "i", version: "3", name: "lab", jwks: JSON.stringify(jwks, null, 2) },
    });
    expect(state?.message).toMatch(/Nothing was saved yet/);
    expect(keyWarningsToConfirm({ ...input, jwks, acceptKeyWarnings: "on" })).toBeNull();
  });

  it("saves strong keys, and no keys, at once", () => {
    expect(keyWarningsToConfirm({ ...input, jwks: { keys: [rsaJwk(2048, "k1")] } })).toBeNull();
    expect(keyWarningsToConfirm({ ...input, jwks: null })).toBeNull();
  });
});
