// The only module that reads process.env (CONVENTIONS 12). Parsed lazily so
// that `next build` can import route modules without a runtime config, and
// memoised so every caller sees the same values.
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const emailList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()));

/** Comma-separated entries, trimmed; empty when unset. */
const commaList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

/** Standard base64 (padding optional) of exactly 32 bytes: an AES-256 key. */
const aes256Key = z
  .string()
  .regex(
    /^[A-Za-z0-9+/]{43}=?$/,
    "must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`)",
  );

const postgresUrl = z
  .string()
  .refine(
    (value) => /^postgres(ql)?:\/\//.test(value),
    "must be a postgres:// or postgresql:// URL",
  );

/**
 * Every variable Fedlens reads. The description is the README's
 * configuration table (a unit test keeps them in step).
 */
export const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development")
    .describe("Set by Next.js; `production` under `npm start`."),
  DATABASE_URL: postgresUrl
    .optional()
    .describe(
      "Postgres to use. Unset: the embedded database (PGlite) in `FEDLENS_DATA_DIR/pgdata`.",
    ),
  FEDLENS_DB_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .describe(
      "Connections in the pool; `npm start` sets 1 for the embedded database, which serialises queries.",
    ),
  FEDLENS_DATA_DIR: z
    .string()
    .min(1)
    .default(".fedlens")
    .describe("Where the embedded database and the generated session secret and audit key live."),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe("HTTP port."),
  FEDLENS_HOST: z
    .string()
    .min(1)
    .default("127.0.0.1")
    .describe("Interface to listen on; `0.0.0.0` to accept remote connections."),
  FEDLENS_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(
      "The origin users reach the console at (default `http://localhost:PORT`); API mutations must come from it.",
    ),
  NEXTAUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters")
    .optional()
    .describe(
      "Signs session cookies. Unset: generated once and kept in `FEDLENS_DATA_DIR/auth-secret`.",
    ),
  FEDLENS_AUDIT_KEY: z
    .string()
    .min(32, "must be at least 32 characters")
    .optional()
    .describe(
      "Keys the audit trail's hash chain and signs its checkpoints; keep it outside the database. Unset: generated once and kept in `FEDLENS_DATA_DIR/audit-key`.",
    ),
  FEDLENS_AUDIT_PREVIOUS_KEYS: commaList
    .pipe(z.array(z.string().min(32, "each key must be at least 32 characters")))
    .describe(
      "Comma-separated earlier values of `FEDLENS_AUDIT_KEY`, so that `audit verify` can check events written before a key rotation.",
    ),
  FEDLENS_SECRET_KEY: aes256Key
    .optional()
    .describe(
      "Master key that wraps the cloud secrets stored with cloud connections (base64 of 32 bytes, `openssl rand -base64 32`); keep it outside the database. Unset: generated once and kept in `FEDLENS_DATA_DIR/secret-key`.",
    ),
  FEDLENS_SECRET_PREVIOUS_KEYS: commaList
    .pipe(z.array(aes256Key))
    .describe(
      "Comma-separated earlier values of `FEDLENS_SECRET_KEY`: secrets sealed under them still open, and are re-wrapped under the current key.",
    ),
  NEXTAUTH_URL: z
    .url()
    .optional()
    .describe("Set by `npm start` from `FEDLENS_PUBLIC_URL`; leave unset."),
  FEDLENS_ADMIN_EMAIL: z
    .email()
    .optional()
    .describe("With `FEDLENS_ADMIN_PASSWORD`: creates this admin at start when no user exists."),
  FEDLENS_ADMIN_PASSWORD: z
    .string()
    .min(12, "must be at least 12 characters")
    .optional()
    .describe("Password for `FEDLENS_ADMIN_EMAIL` (12+ characters)."),
  FEDLENS_OIDC_ISSUER: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(
      "SSO: your identity provider's issuer URL (enables the SSO button with the two below).",
    ),
  FEDLENS_OIDC_CLIENT_ID: z.string().min(1).optional().describe("SSO client id."),
  FEDLENS_OIDC_CLIENT_SECRET: z.string().min(1).optional().describe("SSO client secret."),
  FEDLENS_OIDC_NAME: z
    .string()
    .min(1)
    .max(40)
    .default("SSO")
    .describe("Label of the SSO sign-in button."),
  FEDLENS_OIDC_ADMIN_EMAILS: emailList
    .default([])
    .describe(
      "Comma-separated emails that become admin on first SSO sign-in (others start as viewer).",
    ),
  FEDLENS_DEMO_SEED: z
    .enum(["auto", "off"])
    .default("auto")
    .describe(
      "`auto`: load the demo catalogue on the first start of the embedded database; `off`: never.",
    ),
  FEDLENS_ALLOWED_ISSUER_HOSTS: commaList.describe(
    "Comma-separated hosts (`host` or `host:port`) or CIDRs whose discovery and JWKS Fedlens may fetch although they are private, not https or not on port 443. Empty: public https issuers only.",
  ),
  FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS: commaList.describe(
    "Comma-separated hosts (`host` or `host:port`) or CIDRs a cloud connection may use as an endpoint override although they are private or not https (a proxy, an emulator). Empty: public https endpoints only.",
  ),
  FEDLENS_DRIFT_INTERVAL: z
    .string()
    .trim()
    .regex(/^(off|\d{1,4}[smh])$/, "use `off` or a duration such as 15m, 90s or 2h")
    .default("15m")
    .describe(
      "How often the worker compares every connected target with its cloud (`90s`, `15m`, `2h`); `off`: only when asked.",
    ),
  FEDLENS_WORKER: z
    .enum(["on", "off"])
    .default("on")
    .describe(
      "`on`: the console process runs one job worker (imports, drift checks); `off`: run workers apart with `npm run fedlens -- worker`.",
    ),
  FEDLENS_SANDBOX: z
    .enum(["auto", "on", "off"])
    .default("auto")
    .describe(
      "`auto`: with the demo catalogue on the embedded database, three Sandbox connections served by built-in cloud emulators; `on`: on any database; `off`: never.",
    ),
  FEDLENS_FETCH_ISSUER_KEYS: z
    .enum(["on", "off"])
    .default("on")
    .describe(
      "`off`: never fetch discovery documents or JWKS (locked-down deployments); signatures are checked with pasted keys, or with keys fetched before it was turned off.",
    ),
  FEDLENS_TRUST_PROXY: booleanFlag
    .default(false)
    .describe(
      "Trust `X-Forwarded-For` for the client address (rate limits); only behind your own proxy.",
    ),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("pino log level."),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" so that `FOO= npm start` behaves like no FOO.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(defined);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const oidc = [
    env.FEDLENS_OIDC_ISSUER,
    env.FEDLENS_OIDC_CLIENT_ID,
    env.FEDLENS_OIDC_CLIENT_SECRET,
  ];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new EnvError(
      "Invalid configuration:\n  FEDLENS_OIDC_ISSUER, FEDLENS_OIDC_CLIENT_ID and FEDLENS_OIDC_CLIENT_SECRET must be set together",
    );
  }
  if (Boolean(env.FEDLENS_ADMIN_EMAIL) !== Boolean(env.FEDLENS_ADMIN_PASSWORD)) {
    throw new EnvError(
      "Invalid configuration:\n  FEDLENS_ADMIN_EMAIL and FEDLENS_ADMIN_PASSWORD must be set together",
    );
  }
  return env;
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For the launcher and tests, which change the environment before the app reads it. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function publicOrigin(env: Env = getEnv()): string {
  return new URL(env.FEDLENS_PUBLIC_URL ?? `http://localhost:${env.PORT}`).origin;
}

export function authSecret(env: Env = getEnv()): string {
  if (!env.NEXTAUTH_SECRET) {
    throw new EnvError(
      "NEXTAUTH_SECRET is not set (npm start generates one; set it when running next directly)",
    );
  }
  return env.NEXTAUTH_SECRET;
}

/** The launcher passes the child process its environment through here. */
export function processEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}
