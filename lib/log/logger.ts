import "server-only";
import pino from "pino";
import { getEnv } from "@/lib/env";
import { scrubText, scrubValue } from "@/lib/log/scrub";

// pino's redact handles known paths cheaply; scrubValue is the catch-all for
// keys we did not foresee and for tokens pasted into free text.
const redactPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  "*.token",
  "*.subjectToken",
  "*.clientAssertion",
  "*.webIdentityToken",
  "*.secretAccessKey",
  "*.sessionToken",
  "*.client_secret",
  "*.password",
];

function createLogger() {
  return pino({
    level: getEnv().LOG_LEVEL,
    base: { service: "fedlens" },
    redact: { paths: redactPaths, censor: "[redacted]" },
    formatters: {
      log: (object) => scrubValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  });
}

const globalForLogger = globalThis as unknown as { fedlensLogger?: pino.Logger };

export const logger: pino.Logger = (globalForLogger.fedlensLogger ??= createLogger());
