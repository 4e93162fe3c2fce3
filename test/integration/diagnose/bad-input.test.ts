// What POST /api/v1/diagnose answers for pasted text that is not a usable JWT
// (issue 4 item 1; SECURITY.md 1.1 steps 1–4, 1.3): 413 over 16 KiB, 422 with
// the precise reason for each malformed shape, never a 500, and never the
// token's text in the problem document (a canary claim proves it).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TIssuer } from "@/lib/schemas/issuer";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { problemOf } from "@/test/support/http";
import {
  keycloakClientCredentialsClaims,
  startOidcIssuer,
  type OidcIssuer,
} from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, catalogueIssuer, diagnose, diagnoseCall } from "./support";

allowLoopbackIssuers();

const canary = `canary${randomUUID().replaceAll("-", "")}`;
const b64u = (value: string | Buffer) => Buffer.from(value).toString("base64url");

let issuer: OidcIssuer;
let realm: TIssuer;
let viewerToken: string;
/** A good token of the catalogued realm, its sub the canary. */
let good: string;
let h: string;
let p: string;
let s: string;

function claims(extra: Record<string, unknown> = {}) {
  return {
    ...keycloakClientCredentialsClaims({
      realmUrl: realm.issuerUrl,
      clientId: "reporting-service",
      serviceAccountUserId: canary,
    }),
    ...extra,
  };
}

beforeAll(async () => {
  issuer = await startOidcIssuer();
  realm = await catalogueIssuer(issuer, { kind: "keycloak" });
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  good = await issuer.mint(claims());
  [h = "", p = "", s = ""] = good.split(".");
});

afterAll(() => issuer.stop());

/** A signed token of exactly `bytes` bytes: a padding claim and a header parameter grow it. */
async function signedTokenOfBytes(bytes: number): Promise<string> {
  const mint = (n: number, headerPad: number) =>
    issuer.mint(claims({ pad: "p".repeat(n) }), { header: { x: "h".repeat(headerPad) } });
  // base64url grows by 4 characters per 3 bytes, so one padding length may skip the target.
  for (let headerPad = 0; headerPad < 3; headerPad += 1) {
    const base = (await mint(0, headerPad)).length;
    const estimate = Math.floor(((bytes - base) * 3) / 4);
    for (let n = Math.max(0, estimate - 3); n <= estimate + 3; n += 1) {
      const token = await mint(n, headerPad);
      if (token.length === bytes) return token;
    }
  }
  throw new Error(`could not make a token of ${bytes} bytes`);
}

/** The problem document, checked to carry none of the pasted text. */
async function problemWithoutToken(response: Response, pasted: string) {
  const text = await response.clone().text();
  expect(text).not.toContain(canary);
  if (pasted) expect(text).not.toContain(pasted);
  for (const segment of pasted.split(".").filter((part) => part.length >= 16)) {
    expect(text).not.toContain(segment);
  }
  return problemOf(response);
}

describe("the 16 KiB cap", () => {
  it("diagnoses a signed token of exactly 16,384 bytes", async () => {
    const token = await signedTokenOfBytes(16_384);

    const diagnosis = await diagnose(token, viewerToken);

    expect(diagnosis.signature).toMatchObject({ status: "valid", issuerId: realm.id });
  });

  it("refuses a signed token of 16,385 bytes with 413, before decoding it", async () => {
    const token = await signedTokenOfBytes(16_385);

    const response = await diagnoseCall(token, viewerToken);

    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await problemWithoutToken(response, token)).toMatchObject({
      status: 413,
      type: "urn:fedlens:problem:payload-too-large",
      detail:
        "The token is 16,385 bytes; Fedlens accepts at most 16,384 bytes (16 KiB). Workload tokens are 1–3 KiB.",
    });
  });

  it("counts UTF-8 bytes, not characters", async () => {
    const pasted = `${canary}${"A".repeat(16_383 - canary.length)}é`;

    const response = await diagnoseCall(pasted, viewerToken);

    expect(response.status).toBe(413);
    expect((await problemWithoutToken(response, pasted)).detail).toMatch(
      /^The token is 16,385 bytes/,
    );
  });
});

const padded = () => `${good}=`;
const plusInPayload = () => `${h}.+${p.slice(1)}.${s}`;
const slashInSignature = () => `${h}.${p}./${s.slice(1)}`;
const spaceInPayload = () => `${h}.${p.slice(0, 10)} ${p.slice(10)}.${s}`;
const lineBreakInHeader = () => `${h.slice(0, 5)}\n${h.slice(5)}.${p}.${s}`;
const jweHeader = () => b64u(JSON.stringify({ alg: "RSA-OAEP-256", enc: "A256GCM", kid: "k" }));
const withPayload = (payload: string | Buffer) => `${h}.${b64u(payload)}.${s}`;
const json = (value: unknown) => JSON.stringify(value);

describe("malformed shapes", () => {
  it.each<[string, () => string, () => string]>([
    ["empty", () => "", () => "The token is empty."],
    [
      "not a JWT at all",
      () => canary,
      () =>
        "This is not a JWT: it has no '.' separators. A signed JWT has three base64url parts, header.payload.signature.",
    ],
    [
      "base64 padding",
      padded,
      () =>
        `The token contains base64 padding "=" at position ${good.length + 1}, in the signature (part 3). JOSE uses unpadded base64url (RFC 7515 §2).`,
    ],
    [
      "a standard-base64 '+'",
      plusInPayload,
      () =>
        `The token contains standard-base64 character "+" (base64url uses "-" and "_") at position ${h.length + 2}, in the payload (part 2). JOSE uses unpadded base64url (RFC 7515 §2).`,
    ],
    [
      "a standard-base64 '/'",
      slashInSignature,
      () =>
        `The token contains standard-base64 character "/" (base64url uses "-" and "_") at position ${h.length + p.length + 3}, in the signature (part 3). JOSE uses unpadded base64url (RFC 7515 §2).`,
    ],
    [
      "whitespace inside",
      spaceInPayload,
      () =>
        `The token contains whitespace at position ${h.length + 12}, in the payload (part 2). A token is one line with nothing inside it.`,
    ],
    [
      "a line break inside",
      lineBreakInHeader,
      () =>
        "The token contains a line break at position 6, in the header (part 1). A token is one line with nothing inside it.",
    ],
    [
      "two parts",
      () => `${h}.${p}`,
      () =>
        "The token has 2 parts separated by '.' (the signature part is missing); a signed JWT (JWS) has 3 and an encrypted one (JWE) 5.",
    ],
    [
      "four parts",
      () => `${good}.${s}`,
      () =>
        "The token has 4 parts separated by '.'; a signed JWT (JWS) has 3 and an encrypted one (JWE) 5.",
    ],
    [
      "a JWE (five parts)",
      () => `${jweHeader()}.${s}.${b64u("iv-iv-iv-iv")}.${p}.${b64u("tag-tag-tag-tag")}`,
      () => "Encrypted token (JWE); Fedlens does not decrypt, and clouds expect a signed JWT.",
    ],
    [
      "the JWS JSON serialization",
      () => json({ payload: p, protected: h, signature: s }),
      () =>
        "JWS JSON serialization; clouds expect the compact form header.payload.signature (RFC 7515 §7.1).",
    ],
    [
      "a payload that is not UTF-8",
      () => withPayload(Buffer.from([...Buffer.from(`{"sub":"${canary}`), 0xff, 0x22, 0x7d])),
      () =>
        `The payload is not valid UTF-8: byte 0xFF at offset ${8 + canary.length} of the decoded payload (RFC 7519 §7.2).`,
    ],
    [
      "a duplicate claim",
      () => withPayload(`{"iss":"${realm.issuerUrl}","sub":"${canary}","sub":"admin"}`),
      () =>
        'Ambiguous token: duplicate claim "sub". Names must be unique (RFC 7519 §4); parsers differ on which value wins, so no verdict would be reliable.',
    ],
    [
      "a duplicate header parameter",
      () => `${b64u('{"alg":"RS256","alg":"none"}')}.${p}.${s}`,
      () =>
        'Ambiguous token: duplicate header parameter "alg". Names must be unique (RFC 7515 §4); parsers differ on which value wins, so no verdict would be reliable.',
    ],
    [
      "a payload that is a JSON array",
      () => withPayload(json([canary])),
      () => "The payload is a JSON array, not a JSON object at the top level (RFC 7519 §7.2).",
    ],
  ])("refuses %s with 422 and the reason in invalid_params[token]", async (_case, make, why) => {
    const pasted = make();
    const reason = why();

    const response = await diagnoseCall(pasted, viewerToken);

    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await problemWithoutToken(response, pasted)).toMatchObject({
      status: 422,
      type: "urn:fedlens:problem:validation-failed",
      detail: reason,
      invalid_params: [{ name: "token", reason }],
    });
  });
});

describe("what the problem document carries besides the reason", () => {
  it("shows a JWE's protected header, which is not encrypted", async () => {
    const pasted = `${jweHeader()}.${s}.${b64u("iv-iv-iv-iv")}.${p}.${b64u("tag-tag-tag-tag")}`;

    const response = await diagnoseCall(pasted, viewerToken);

    expect(response.status).toBe(422);
    expect(await problemWithoutToken(response, pasted)).toMatchObject({
      header: { alg: "RSA-OAEP-256", enc: "A256GCM", kid: "k" },
    });
  });

  it("names the 1-based position of the character that breaks the token", async () => {
    const response = await diagnoseCall(plusInPayload(), viewerToken);

    expect(await problemOf(response)).toMatchObject({ position: h.length + 2 });
  });

  it("names no position when no one character is to blame", async () => {
    const response = await diagnoseCall(`${h}.${p}`, viewerToken);

    expect(await problemOf(response)).not.toHaveProperty("position");
  });
});

describe('alg "none"', () => {
  // SECURITY.md J1: decoded (and shown as unverified) but judged invalid, not refused as input.
  it("is diagnosed as an invalid signature with the alg_none reason and warnings", async () => {
    const pasted = `${b64u(json({ alg: "none", typ: "JWT" }))}.${p}.`;

    const diagnosis = await diagnose(pasted, viewerToken);

    expect(diagnosis.signature).toMatchObject({
      status: "invalid",
      reason: "alg_none",
      message: 'Unsigned token (alg "none"); no cloud accepts it.',
    });
    expect(diagnosis.warnings.map((warning) => warning.code)).toEqual([
      "alg_none",
      "empty_signature",
    ]);
  });
});
