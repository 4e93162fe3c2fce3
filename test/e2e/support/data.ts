import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { inject } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import type { TIssuer } from "@/lib/schemas/issuer";
import { createTestUser } from "../../factories/users";
import { newCredentials, type Credentials } from "./browser";

// Rows a test needs but does not exercise, made directly rather than through
// the UI so each test clicks only through what it is about.

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

/** `fedlens user add`, as an operator would run it, with the password on stdin. */
export async function addUserWithCli(role: Role, label: string = role): Promise<Credentials> {
  const user = newCredentials(label);
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "lib/cli/main.ts",
      "user",
      "add",
      "--email",
      user.email,
      "--role",
      role,
      "--name",
      user.name,
    ],
    {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: inject("databaseUrl"), LOG_LEVEL: "silent" },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stdin.end(`${user.password}\n`);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`fedlens user add exited ${code}:\n${output}`);
  return user;
}

/** An issuer created by a fresh operator, so the catalogue is not empty. */
export async function seedIssuer(name = `Seeded ${randomUUID().slice(0, 8)}`): Promise<TIssuer> {
  const operator = await createTestUser({ role: "operator" });
  return createIssuer({
    actor: operator.actor,
    requestId: randomUUID(),
    input: {
      name,
      kind: "github-actions",
      issuerUrl: `https://token.actions.githubusercontent.com/${randomUUID().slice(0, 8)}`,
    },
  });
}
