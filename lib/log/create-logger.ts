// The pino setup every Fedlens log line goes through, with no server-only
// guard so the HTTP server in front of Next.js (lib/server/serve.ts) can
// share it: pino's redact handles known paths cheaply; scrubValue is the
// catch-all for keys we did not foresee and for tokens pasted into free text.
import pino from "pino";
import { scrubText, scrubValue } from "@/lib/log/scrub";

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

/**
 * A logger writing one JSON line per record to `destination`, by default
 * file descriptor 1 itself: never through process.stdout.write, which the
 * console bridge (lib/log/console-bridge.ts) takes over.
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(1),
): pino.Logger {
  return pino(
    {
      level,
      base: { service: "fedlens" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      // formatters.log runs first and scrubValue already turns an Error into
      // { type, message, stack }; pino's own serializer would rename the type "Object".
      serializers: { err: (err: unknown) => err },
      formatters: {
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const globalForLogger = globalThis as unknown as { fedlensLogger?: pino.Logger };

/** One logger per process, however many bundles (the server, Next's chunks) import this. */
export function sharedLogger(level: string): pino.Logger {
  return (globalForLogger.fedlensLogger ??= createLogger(level));
}
