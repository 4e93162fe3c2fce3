// The HTTP server in front of Next.js, started by `fedlens serve` in a child
// process. It owns what Next cannot know: which proxy headers to believe.
// Next fills X-Forwarded-For only when absent, so a client could choose its
// own address (and dodge login rate limits); here it is always the socket's
// unless the operator says a proxy of theirs sits in front.
import http from "node:http";
import next from "next";
import { getEnv } from "@/lib/env";

const spoofable = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
];

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
    void handle(req, res);
  });
  server.listen(env.PORT, env.FEDLENS_HOST, () => {
    process.send?.({ type: "listening" });
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
