import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateTokenSecret } from "@/lib/auth/tokens/token-secret";
import { scrubText, scrubValue } from "@/lib/log/scrub";

// Token material is generated per run; nothing real-looking is committed.
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
function canaryJwt(): string {
  const header = b64({ alg: "RS256", typ: "JWT", kid: "test" });
  const payload = b64({
    iss: "https://issuer.example.com",
    sub: `canary-${randomBytes(4).toString("hex")}`,
  });
  return `${header}.${payload}.${randomBytes(32).toString("base64url")}`;
}
function fakeAwsKeyId(prefix: "AKIA" | "ASIA"): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return prefix + Array.from(randomBytes(16), (byte) => alphabet[byte % 32]).join("");
}

describe("scrubText", () => {
  it.each([
    ["a JWT", () => canaryJwt(), "[jwt]"],
    ["an unsigned JWT", () => `${b64({ alg: "none" })}.${b64({ sub: "x" })}.`, "[jwt]"],
    ["an AKIA access key id", () => fakeAwsKeyId("AKIA"), "[aws-key-id]"],
    ["an ASIA session key id", () => fakeAwsKeyId("ASIA"), "[aws-key-id]"],
    ["a Fedlens API token", () => generateTokenSecret(), "[fedlens-token]"],
  ])("replaces %s inside a sentence", (_label, make, marker) => {
    const secret = make();
    expect(scrubText(`rejected ${secret} at exchange`)).toBe(`rejected ${marker} at exchange`);
  });

  it.each(["Bearer", "bearer", "BEARER"])("redacts the value after %s", (scheme) => {
    const value = randomBytes(12).toString("hex");
    expect(scrubText(`Authorization: ${scheme} ${value}`)).toBe("Authorization: Bearer [redacted]");
  });

  it.each([
    "subject_token",
    "client_assertion",
    "WebIdentityToken",
    "assertion",
    "access_token",
    "password",
  ])("redacts the %s form field and keeps its neighbours", (field) => {
    const value = randomBytes(12).toString("hex");
    const body = `grant_type=token-exchange&${field}=${value}&audience=api%3A%2F%2FAzureADTokenExchange`;
    expect(scrubText(body)).toBe(
      `grant_type=token-exchange&${field}=[redacted]&audience=api%3A%2F%2FAzureADTokenExchange`,
    );
  });

  it.each(["next-auth.session-token", "__Secure-next-auth.session-token", "next-auth.csrf-token"])(
    "redacts the %s cookie in an echoed Cookie header",
    (name) => {
      const value = randomBytes(12).toString("hex");
      expect(scrubText(`cookie: theme=dark; ${name}=${value}; lang=en`)).toBe(
        `cookie: theme=dark; ${name}=[redacted]; lang=en`,
      );
    },
  );

  it("leaves ordinary text alone", () => {
    const text = "issuer https://token.actions.githubusercontent.com has 3 bindings (fl_ prefix)";
    expect(scrubText(text)).toBe(text);
  });
});

describe("scrubValue", () => {
  it.each([
    "token",
    "subjectToken",
    "accessToken",
    "clientAssertion",
    "authorization",
    "clientSecret",
    "password",
    "cookie",
    "Set-Cookie",
  ])("redacts the %s key at any depth", (key) => {
    const payload = { req: { headers: { [key]: "x" } }, list: [{ deep: { [key]: { any: "x" } } }] };
    expect(scrubValue(payload)).toEqual({
      req: { headers: { [key]: "[redacted]" } },
      list: [{ deep: { [key]: "[redacted]" } }],
    });
  });

  it("scrubs strings under harmless keys and keeps other values", () => {
    const jwt = canaryJwt();
    expect(
      scrubValue({ msg: `bad ${jwt}`, status: 401, ok: false, none: null, tags: [jwt] }),
    ).toEqual({
      msg: "bad [jwt]",
      status: 401,
      ok: false,
      none: null,
      tags: ["[jwt]"],
    });
  });

  it("never lets a canary JWT survive a nested error, its cause or its extra fields", () => {
    const jwt = canaryJwt();
    const cause = new Error(`upstream said: invalid assertion ${jwt}`);
    const error = Object.assign(new Error(`exchange failed for ${jwt}`, { cause }), {
      response: { body: `subject_token=${jwt}` },
      config: { data: { assertion: jwt } },
    });
    const out = JSON.stringify(scrubValue({ err: error, context: { attempts: [{ error }] } }));
    const [, payload = "", signature = ""] = jwt.split(".");
    expect(out).not.toContain(payload);
    expect(out).not.toContain(signature);
    expect(out).toContain("exchange failed for [jwt]");
  });

  it("cuts off payloads nested deeper than it inspects", () => {
    const jwt = canaryJwt();
    let deep: unknown = { note: jwt };
    for (let level = 0; level < 20; level += 1) deep = { level: deep };
    expect(JSON.stringify(scrubValue(deep))).not.toContain(jwt.split(".")[1]);
  });

  it("keeps a Date as the ISO string JSON would log", () => {
    const at = new Date("2026-03-04T05:06:07.000Z");
    expect(JSON.stringify(scrubValue({ at }))).toBe(JSON.stringify({ at }));
  });
});
