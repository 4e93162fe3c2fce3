import { describe, expect, it } from "vitest";
import {
  catalogAccepts,
  catalogSubjects,
  tokenClaims,
} from "@/lib/clouds/aws/adapter/exchange-context";

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (claims: Record<string, unknown>) =>
  `${encode({ alg: "RS256", typ: "JWT" })}.${encode(claims)}.c2lnbmF0dXJl`;

describe("tokenClaims", () => {
  it("reads iss, sub and aud (one or several) without checking the signature", () => {
    expect(tokenClaims(jwt({ iss: "https://i", sub: "s", aud: "a" }))).toEqual({
      iss: "https://i",
      sub: "s",
      aud: ["a"],
    });
    expect(tokenClaims(jwt({ sub: "s", aud: ["a", "b"] }))?.aud).toEqual(["a", "b"]);
  });

  it("gives nothing for a token that does not decode", () => {
    expect(tokenClaims("not-a-jwt")).toBeUndefined();
  });
});

describe("catalogSubjects", () => {
  const base = { cloud: "aws", sid: "S", providerUrl: "https://issuer.example" };

  it("reads a builder binding's subjects and operator", () => {
    const spec = {
      ...base,
      mode: "builder",
      builder: { audiences: ["sts"], subjectOperator: "StringLike", subjects: ["repo:o/*"] },
    };
    expect(catalogSubjects(spec)).toEqual({ operator: "StringLike", subjects: ["repo:o/*"] });
  });

  it("reads a raw statement's sub condition, as text or object, whatever the key's case", () => {
    const statement = {
      Effect: "Allow",
      Condition: {
        StringEquals: { "issuer.example:aud": "sts", "ISSUER.example:Sub": ["a", "b"] },
      },
    };
    expect(catalogSubjects({ ...base, mode: "raw", statement })).toEqual({
      operator: "StringEquals",
      subjects: ["a", "b"],
    });
    const text = JSON.stringify(statement);
    expect(catalogSubjects({ ...base, mode: "raw", statement: text })?.subjects).toEqual([
      "a",
      "b",
    ]);
  });

  it("gives nothing when the binding names no subject", () => {
    expect(catalogSubjects({ ...base, mode: "raw", statement: "{bad json" })).toBeUndefined();
    expect(
      catalogSubjects({ ...base, mode: "raw", statement: { Effect: "Allow" } }),
    ).toBeUndefined();
    expect(catalogSubjects(null)).toBeUndefined();
  });
});

describe("catalogAccepts", () => {
  it("compares exactly under StringEquals and by wildcard under StringLike, case-sensitively", () => {
    expect(catalogAccepts({ operator: "StringEquals", subjects: ["repo:o/*"] }, "repo:o/a")).toBe(
      false,
    );
    expect(catalogAccepts({ operator: "StringLike", subjects: ["repo:o/*"] }, "repo:o/a")).toBe(
      true,
    );
    expect(catalogAccepts({ operator: "StringLike", subjects: ["repo:o/*"] }, "repo:O/a")).toBe(
      false,
    );
  });
});
