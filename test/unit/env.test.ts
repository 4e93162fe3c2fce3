import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authSecret, EnvError, parseEnv, publicOrigin } from "@/lib/env";

// Generated per run so nothing secret-looking is committed.
const secret = (length: number) => randomBytes(length).toString("base64url").slice(0, length);

function errorOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected parseEnv to refuse the configuration");
}

const oidc = {
  FEDLENS_OIDC_ISSUER: "https://idp.example.com",
  FEDLENS_OIDC_CLIENT_ID: "fedlens",
  FEDLENS_OIDC_CLIENT_SECRET: secret(24),
};

describe("parseEnv", () => {
  it("fills every default from an empty environment", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      FEDLENS_DB_POOL_MAX: 10,
      FEDLENS_DATA_DIR: ".fedlens",
      PORT: 3000,
      FEDLENS_HOST: "127.0.0.1",
      FEDLENS_OIDC_NAME: "SSO",
      FEDLENS_OIDC_ADMIN_EMAILS: [],
      FEDLENS_DEMO_SEED: "auto",
      FEDLENS_ALLOWED_ISSUER_HOSTS: [],
      FEDLENS_AUDIT_PREVIOUS_KEYS: [],
      FEDLENS_SECRET_PREVIOUS_KEYS: [],
      FEDLENS_FETCH_ISSUER_KEYS: "on",
      FEDLENS_TRUST_PROXY: false,
      FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS: [],
      FEDLENS_DRIFT_INTERVAL: "15m",
      FEDLENS_WORKER: "on",
      FEDLENS_SANDBOX: "auto",
      LOG_LEVEL: "info",
    });
  });

  it.each(["off", "90s", "15m", "2h"])("accepts the drift interval %s", (value) => {
    expect(parseEnv({ FEDLENS_DRIFT_INTERVAL: value }).FEDLENS_DRIFT_INTERVAL).toBe(value);
  });

  it.each(["15", "15 m", "1d", "never", "-5m"])("refuses the drift interval %j", (value) => {
    expect(() => parseEnv({ FEDLENS_DRIFT_INTERVAL: value })).toThrow(/FEDLENS_DRIFT_INTERVAL/);
  });

  it("reads previous audit keys as a comma-separated list and names a short one", () => {
    const long = "k".repeat(32);
    expect(parseEnv({ FEDLENS_AUDIT_PREVIOUS_KEYS: ` ${long}, ${long}x ,` })).toMatchObject({
      FEDLENS_AUDIT_PREVIOUS_KEYS: [long, `${long}x`],
    });
    expect(() => parseEnv({ FEDLENS_AUDIT_PREVIOUS_KEYS: `${long},short` })).toThrow(
      /FEDLENS_AUDIT_PREVIOUS_KEYS\.1: each key must be at least 32 characters/,
    );
    expect(() => parseEnv({ FEDLENS_AUDIT_KEY: "short" })).toThrow(
      /FEDLENS_AUDIT_KEY: must be at least 32 characters/,
    );
  });

  it("treats an empty string as unset", () => {
    const env = parseEnv({
      PORT: "",
      DATABASE_URL: "",
      NEXTAUTH_SECRET: "",
      FEDLENS_OIDC_ISSUER: "",
      FEDLENS_ADMIN_EMAIL: "",
      LOG_LEVEL: "",
    });
    expect(env).toEqual(parseEnv({}));
  });

  it("coerces numbers and flags", () => {
    const env = parseEnv({ PORT: "8080", FEDLENS_DB_POOL_MAX: "1", FEDLENS_TRUST_PROXY: "1" });
    expect([env.PORT, env.FEDLENS_DB_POOL_MAX, env.FEDLENS_TRUST_PROXY]).toEqual([8080, 1, true]);
  });

  it("splits, trims and lower-cases the SSO admin list", () => {
    const env = parseEnv({ FEDLENS_OIDC_ADMIN_EMAILS: " Ops@Example.com, ,sec@example.com," });
    expect(env.FEDLENS_OIDC_ADMIN_EMAILS).toEqual(["ops@example.com", "sec@example.com"]);
  });

  it.each(["postgres://db.internal/fedlens", "postgresql://user@127.0.0.1:5432/fedlens"])(
    "accepts DATABASE_URL %s",
    (url) => {
      expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    },
  );

  it.each(["mysql://db.internal/fedlens", "file:./dev.db", "db.internal:5432"])(
    "refuses DATABASE_URL %s, naming the variable",
    (url) => {
      expect(errorOf({ DATABASE_URL: url }).message).toContain(
        "DATABASE_URL: must be a postgres:// or postgresql:// URL",
      );
    },
  );

  it("refuses a NEXTAUTH_SECRET under 32 characters without echoing it", () => {
    const short = secret(31);
    const error = errorOf({ NEXTAUTH_SECRET: short });
    expect(error.message).toContain("NEXTAUTH_SECRET: must be at least 32 characters");
    expect(error.message).not.toContain(short);
  });

  it("accepts a 32-character NEXTAUTH_SECRET", () => {
    const value = secret(32);
    expect(authSecret(parseEnv({ NEXTAUTH_SECRET: value }))).toBe(value);
  });

  it("explains how to get a secret when NEXTAUTH_SECRET is unset", () => {
    expect(() => authSecret(parseEnv({}))).toThrow(/NEXTAUTH_SECRET is not set/);
  });

  it.each([
    ["PORT", "0"],
    ["PORT", "65536"],
    ["FEDLENS_DB_POOL_MAX", "101"],
    ["FEDLENS_TRUST_PROXY", "yes"],
    ["FEDLENS_DEMO_SEED", "always"],
    ["LOG_LEVEL", "verbose"],
    ["FEDLENS_PUBLIC_URL", "ftp://console.example.com"],
    ["FEDLENS_OIDC_ADMIN_EMAILS", "ops@example.com,not-an-email"],
  ])("refuses %s=%s, naming the variable", (name, value) => {
    expect(errorOf({ [name]: value }).message).toMatch(new RegExp(`^  ${name}(\\.\\d+)?: `, "m"));
  });

  it("accepts the three OIDC variables together", () => {
    expect(parseEnv(oidc).FEDLENS_OIDC_CLIENT_ID).toBe("fedlens");
  });

  it.each(Object.keys(oidc))("refuses the OIDC settings without %s", (missing) => {
    const partial = { ...oidc, [missing]: undefined };
    expect(errorOf(partial).message).toContain(
      "FEDLENS_OIDC_ISSUER, FEDLENS_OIDC_CLIENT_ID and FEDLENS_OIDC_CLIENT_SECRET must be set together",
    );
  });

  it.each(Object.keys(oidc))("refuses %s on its own", (only) => {
    const single = { [only]: oidc[only as keyof typeof oidc] };
    expect(errorOf(single).message).toContain("must be set together");
  });

  it.each([
    ["only the email", { FEDLENS_ADMIN_EMAIL: "admin@example.com" }],
    ["only the password", { FEDLENS_ADMIN_PASSWORD: secret(16) }],
  ])("refuses %s of the bootstrap admin", (_label, source) => {
    expect(errorOf(source).message).toContain(
      "FEDLENS_ADMIN_EMAIL and FEDLENS_ADMIN_PASSWORD must be set together",
    );
  });

  it("accepts the bootstrap admin's email and password together", () => {
    const env = parseEnv({
      FEDLENS_ADMIN_EMAIL: "admin@example.com",
      FEDLENS_ADMIN_PASSWORD: secret(16),
    });
    expect(env.FEDLENS_ADMIN_EMAIL).toBe("admin@example.com");
  });

  it("refuses a short admin password without echoing it", () => {
    const password = secret(11);
    const error = errorOf({
      FEDLENS_ADMIN_EMAIL: "admin@example.com",
      FEDLENS_ADMIN_PASSWORD: password,
    });
    expect(error.message).toContain("FEDLENS_ADMIN_PASSWORD: must be at least 12 characters");
    expect(error.message).not.toContain(password);
  });
});

describe("publicOrigin", () => {
  it.each([
    [{}, "http://localhost:3000"],
    [{ PORT: "4100" }, "http://localhost:4100"],
    [{ FEDLENS_PUBLIC_URL: "https://console.example.com" }, "https://console.example.com"],
    [
      { FEDLENS_PUBLIC_URL: "https://console.example.com:8443/fedlens/" },
      "https://console.example.com:8443",
    ],
    [{ FEDLENS_PUBLIC_URL: "https://Console.Example.com:443" }, "https://console.example.com"],
  ])("derives the origin from %j", (source, origin) => {
    expect(publicOrigin(parseEnv(source))).toBe(origin);
  });
});
