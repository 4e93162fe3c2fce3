import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../support/test-database";

// One real console for the whole run: the production build in .next, served by
// the same `fedlens serve` an operator runs, against a fresh database.

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databaseUrl: string;
  }
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const startupDeadlineMs = 120_000;
const stopDeadlineMs = 10_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** Keeps the last few hundred KB of the server's output for failure reports. */
function captureOutput(child: ChildProcess): () => string {
  let output = "";
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-256 * 1024);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => output;
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + startupDeadlineMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`the server exited early (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(url, {
        redirect: "manual",
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET ${url} did not answer within ${startupDeadlineMs / 1000} s`);
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the CLI and the Next.js server it forked, which may
    // outlive a CLI that crashed.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (hasExited(child)) {
    killGroup(child, "SIGKILL");
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), stopDeadlineMs);
  await exited;
  clearTimeout(timer);
}

/** The runner's environment without Vitest's own markers, which the console must not see. */
function inheritedEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== "TEST" && !name.startsWith("VITEST")),
  );
}

export default async function setup(project: TestProject) {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error(
      "No production build in .next: run `npx next build` (or `npm run build`) before the browser tests.",
    );
  }
  const database = await createTestDatabase("e2e");
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "serve"],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...inheritedEnv(),
        // `serve` runs the production build whatever this says; the CLI itself reads it too.
        NODE_ENV: "production",
        DATABASE_URL: database.url,
        PORT: String(port),
        FEDLENS_PUBLIC_URL: baseURL,
        NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
        FEDLENS_DEMO_SEED: "off",
        // The diagnose tests' signing issuer serves its keys over http on loopback.
        FEDLENS_ALLOWED_ISSUER_HOSTS: "127.0.0.1",
        // The sandbox test's emulators (and any cloud emulator a test starts) listen on loopback.
        FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS: "127.0.0.1",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        // The drift tests press Check now; a periodic sweep in the middle of
        // a long run would change sync states under whichever file is running.
        FEDLENS_DRIFT_INTERVAL: "off",
      },
    },
  );
  const output = captureOutput(child);
  // Set once the console answers, until teardown: an exit in between is a crash.
  let running = false;
  child.once("exit", (code, signal) => {
    if (running) {
      console.error(`\nThe console exited during the run (${code ?? signal}):\n${output()}`);
    }
  });

  try {
    await waitUntilAnswering(`${baseURL}/sign-in`, child);
  } catch (error) {
    await stopServer(child);
    await database.drop();
    throw new Error(
      `The console did not start: ${(error as Error).message}\n--- server output ---\n${output()}`,
    );
  }

  running = true;
  project.provide("baseURL", baseURL);
  project.provide("databaseUrl", database.url);

  return async () => {
    running = false;
    await stopServer(child);
    await database.drop();
  };
}
