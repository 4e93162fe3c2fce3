import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { resolveApiToken } from "@/lib/auth/tokens/resolve-api-token";
import { getDb } from "@/lib/db/client";
import { demoBindings } from "@/lib/db/demo/demo-bindings";
import { demoTargets } from "@/lib/db/demo/demo-targets";
import { demoWorkloads } from "@/lib/db/demo/demo-workloads";
import { demoIssuers } from "@/lib/db/seed-demo";
import { ZAuditCheckpoint } from "@/lib/schemas/audit";
import { createTestUser } from "@/test/factories/users";
import { rewriteAction, tamper, useAuditKeys } from "@/test/integration/audit/tamper";
import { runCli } from "@/test/support/run-cli";
import { resetDatabase } from "@/test/support/test-database";

// Runs the real CLI as an operator would (`npm run fedlens -- …`), against the
// integration database. Each spawn costs about two seconds, hence the timeout.

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const databaseUrl = inject("databaseUrl");
const timeout = 60_000;

// The spawned CLI inherits this process's environment, so both use this key.
beforeAll(() => useAuditKeys(`cli-audit-key-${randomUUID()}`));
afterAll(() => useAuditKeys(undefined));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const fedlens = (args: string[], stdin = "") => runCli(databaseUrl, args, stdin);

describe("fedlens CLI", () => {
  it("prints the usage and exits 2 without a command", { timeout }, async () => {
    const result = await fedlens([]);

    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/Usage: npm run fedlens -- <command>/);
    expect(result.stdout + result.stderr).toContain("user add --email");
  });

  it.each([
    ["an unknown command", ["frobnicate"], "", /Unknown command: frobnicate/],
    ["user add without --role", ["user", "add", "--email", "x@b.test"], "", /--role is required/],
    [
      "a password shorter than 12 characters",
      ["user", "add", "--email", "short@b.test", "--role", "viewer"],
      "too-short\n",
      /must be at least 12 characters\s+→ at password/,
    ],
    [
      "a token role that does not exist",
      ["token", "create", "--name", "ci", "--role", "root"],
      "",
      /must be viewer, operator or admin\s+→ at role/,
    ],
    [
      "a token owner who does not exist",
      ["token", "create", "--name", "ci", "--role", "viewer", "--owner", "nobody@b.test"],
      "",
      /no active user nobody@b\.test/,
    ],
  ])("exits 2 with a usage message for %s", { timeout }, async (_case, args, stdin, message) => {
    const usersBefore = await getDb().user.count();

    const result = await fedlens(args, stdin);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await getDb().user.count()).toBe(usersBefore);
  });

  it("adds a user with the role given and the password read from stdin", { timeout }, async () => {
    const password = `cli-${randomUUID()}`;

    const result = await fedlens(
      ["user", "add", "--email", "a@b.test", "--role", "operator"],
      `${password}\n`,
    );

    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Created operator a@b\.test/);
    const user = await getDb().user.findUnique({
      where: { email: "a@b.test" },
      select: { role: true, passwordHash: true, disabled: true },
    });
    expect(user).toMatchObject({ role: "operator", disabled: false });
    expect(await verifyPassword(password, user?.passwordHash ?? "")).toBe(true);
    expect(await verifyPassword(`${password}\n`, user?.passwordHash ?? "")).toBe(false);
  });

  it(
    "creates a token printed alone on stdout that then authenticates with its role",
    { timeout },
    async () => {
      const admin = await createTestUser({ role: "admin" });

      const result = await fedlens(["token", "create", "--name", "ci", "--role", "viewer"]);

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^fl_[A-Za-z0-9_-]{43}\n$/);
      expect(result.stderr).toContain(`owned by ${admin.user.email}`);
      const actor = await resolveApiToken(result.stdout.trim());
      expect(actor).toMatchObject({
        type: "token",
        userId: admin.user.id,
        label: "token:ci",
        role: "viewer",
      });
    },
  );

  it("seeds the demo catalogue once however often it runs", { timeout }, async () => {
    const first = await fedlens(["seed", "--demo"]);
    const second = await fedlens(["seed", "--demo"]);

    expect(first).toMatchObject({
      code: 0,
      stdout: `Added ${demoIssuers.length} issuers, ${demoWorkloads.length} workloads, ${demoTargets.length} targets and ${demoBindings.length} bindings.\n`,
    });
    expect(second).toMatchObject({ code: 0, stdout: "The demo catalogue is already present.\n" });
    const issuers = await getDb().issuer.findMany({
      select: { name: true },
      orderBy: { name: "asc" },
    });
    expect(issuers.map((issuer) => issuer.name)).toEqual(
      demoIssuers.map((issuer) => issuer.name).sort(),
    );
    expect(await getDb().binding.count()).toBe(demoBindings.length);
  });

  it(
    "verifies the audit chain with a checkpoint line, then names the seq an intruder changed and exits 1",
    { timeout },
    async () => {
      for (let index = 0; index < 3; index += 1) await createTestUser();
      const count = await getDb().auditEvent.count();

      const intact = await fedlens(["audit", "verify"]);
      expect(intact.code).toBe(0);
      const [summary, line, ...rest] = intact.stdout.split("\n");
      expect(summary).toBe(`ok ${count} events`);
      expect(rest).toEqual([""]);
      expect(ZAuditCheckpoint.parse(JSON.parse(line ?? ""))).toMatchObject({
        seq: String(count),
      });

      await rewriteAction(databaseUrl, { seq: 2, action: "issuer.delete", unkey: false });

      const broken = await fedlens(["audit", "verify"]);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/^broken at seq 2: content does not match its hash/);
    },
  );

  it(
    "proves with --since-checkpoint that the trail extends a saved checkpoint, and fails once its tail is cut",
    { timeout },
    async () => {
      // The test before it leaves a broken trail behind.
      await resetDatabase(databaseUrl);
      for (let index = 0; index < 3; index += 1) await createTestUser();
      const folder = await mkdtemp(path.join(os.tmpdir(), "fedlens-cp-"));
      onTestFinished(() => rm(folder, { recursive: true, force: true }));
      const file = path.join(folder, "cp.json");
      const first = await fedlens(["audit", "verify"]);
      await writeFile(file, first.stdout.trim().split("\n").at(-1) ?? "");
      const seq = await getDb().auditEvent.count();
      await createTestUser();

      const extended = await fedlens(["audit", "verify", "--since-checkpoint", file]);
      expect(extended.code).toBe(0);
      expect(extended.stdout).toMatch(
        new RegExp(`^ok ${seq + 1} events \\(extends the checkpoint at seq ${seq}\\)\n`),
      );

      await tamper(databaseUrl, `DELETE FROM audit_event WHERE seq >= ${seq}`);

      const cut = await fedlens(["audit", "verify", "--since-checkpoint", file]);
      expect(cut.code).toBe(1);
      expect(cut.stdout).toBe(
        `broken at seq ${seq}: the trail ends at seq ${seq - 1} but the checkpoint is at seq ${seq}: events were removed (${seq - 1} events verified before it)\n`,
      );

      await writeFile(file, '{"seq":"1"}');
      const malformed = await fedlens(["audit", "verify", "--since-checkpoint", file]);
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain(`--since-checkpoint: ${file} is not a checkpoint`);
    },
  );

  it(
    "warns on stderr at start when its database role can get past the audit trail's triggers",
    { timeout },
    async () => {
      const child = spawn(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "serve"],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(await freePort()) },
          detached: true,
        },
      );
      const exited = new Promise((resolve) => child.on("exit", resolve));
      const stderr = await new Promise<string>((resolve) => {
        let text = "";
        child.stderr.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          if (text.includes("Warning: ")) resolve(text);
        });
        void exited.then(() => resolve(text));
      });
      // Negative pid: the CLI and the console it may have forked.
      if (child.exitCode === null) process.kill(-(child.pid ?? 0), "SIGTERM");
      await exited;

      expect(stderr).toMatch(
        /Warning: The database role "\w+" can rewrite the audit trail without the database refusing: it is a superuser\./,
      );
    },
  );

  it("migrates an up-to-date database without applying anything", { timeout }, async () => {
    const result = await fedlens(["migrate"]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No pending migrations.");
  });
});
