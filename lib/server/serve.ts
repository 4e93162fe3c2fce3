// The HTTP server in front of Next.js, started by `fedlens serve` in a child
// process. It owns what Next cannot know: which proxy headers to believe.
// Next fills X-Forwarded-For only when absent, so a client could choose its
// own address (and dodge login rate limits); here it is always the socket's
// unless the operator says a proxy of theirs sits in front. It also owns the
// process's output: Next's own log lines become scrubbed JSON records.
import http from "node:http";
import next from "next";
import { getEnv } from "@/lib/env";
import { installLogBridge } from "@/lib/log/console-bridge";
import { sharedLogger } from "@/lib/log/create-logger";
import { answerOversized, oversizedFormAnswer } from "@/lib/server/oversized-form";

const spoofable = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
];

/** Before anything can print: from here on every line out is a JSON log record. */
function bridgeLogs() {
  let level = "info";
  try {
    level = getEnv().LOG_LEVEL;
  } catch {
    // main() reports the misconfiguration, through the bridge.
  }
  const logger = sharedLogger(level);
  installLogBridge(logger);
  // Node would print an uncaught error as plain text straight to fd 2.
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception");
    process.exit(1);
  });
}

async function main() {
  const env = getEnv();
  const app = next({
    dev: env.NODE_ENV === "development",
    dir: process.cwd(),
    hostname: env.FEDLENS_HOST,
    port: env.PORT,
  });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    // Never let a client address Next's internal middleware plumbing (CVE-2025-29927).
    delete req.headers["x-middleware-subrequest"];
    if (!env.FEDLENS_TRUST_PROXY) {
      for (const name of spoofable) delete req.headers[name];
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
    }
    const oversized = oversizedFormAnswer(req);
    if (oversized) {
      answerOversized(req, res, oversized);
      return;
    }
    void handle(req, res);
  });
  server.listen(env.PORT, env.FEDLENS_HOST, () => {
    process.send?.({ type: "listening" });
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

bridgeLogs();
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
