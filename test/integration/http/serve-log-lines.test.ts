// The real server entry (lib/server/serve.ts) prints nothing but JSON log
// records (issue 10 item 8). Started in a directory whose next.config logs
// request headers and then throws, Next.js's own lines, the config's and
// the failure to start, stack and all, come out one scrubbed JSON line each
// instead of multi-line plain text.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
// As `--import tsx` would, but from a directory where `tsx` does not resolve.
const tsxLoader = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
// Made up per run: nothing real-looking is committed.
const jwt = `${b64({ alg: "RS256" })}.${b64({ sub: `canary-${randomBytes(4).toString("hex")}` })}.${randomBytes(32).toString("base64url")}`;
const bearer = `Bearer ${randomBytes(12).toString("hex")}`;
const session = randomBytes(12).toString("hex");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fedlens-serve-"));
  await writeFile(
    path.join(dir, "next.config.mjs"),
    [
      `console.warn("incoming headers:\\n  authorization: ${bearer}\\n  cookie: next-auth.session-token=${session}");`,
      `throw new Error("config refused ${jwt}");`,
    ].join("\n"),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function runServer(): Promise<{ code: number | null; lines: string[] }> {
  const child = spawn(
    process.execPath,
    ["--import", tsxLoader, path.join(root, "lib/server/serve.ts")],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "info",
        PORT: "3999",
        TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve) =>
    child.on("close", (code) => resolve({ code, lines: output.split("\n").filter(Boolean) })),
  );
}

describe("lib/server/serve.ts output", () => {
  it("prints Next's log lines and its failure to start as one scrubbed JSON line each, stack inside", async () => {
    const { code, lines } = await runServer();
    const output = lines.join("\n");
    expect(code).toBe(1);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      records.every((record) => record.service === "fedlens"),
      output,
    ).toBe(true);

    expect(
      records.find((record) => record.level === 40),
      output,
    ).toMatchObject({
      from: "console",
      msg: "incoming headers:\n  authorization: Bearer [redacted]\n  cookie: next-auth.session-token=[redacted]",
    });
    const failure = records.find((record) => record.err);
    expect(failure, output).toMatchObject({ level: 50, from: "console" });
    const err = failure?.err as { message: string; stack: string };
    expect(err.message).toContain("config refused [jwt]");
    expect(err.stack.split("\n").length).toBeGreaterThan(1);
    for (const secret of [jwt, bearer, session]) expect(output).not.toContain(secret);
  });
});
