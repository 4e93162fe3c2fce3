import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as secretsKey from "@/lib/cli/commands/secrets-key";
import * as secretsRewrap from "@/lib/cli/commands/secrets-rewrap";
import { createConnection } from "@/lib/connections/create-connection";
import { getDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { deriveMasterKey, masterKeyId, parseMasterKey } from "@/lib/secrets/master-keyring";
import { ZConnectionCreateInput } from "@/lib/schemas/connection";
import { createTestUser } from "@/test/factories/users";
import { connectionBody, secretAuth } from "./connection-api";

// `secrets key` says where the master key lives without printing it unless
// asked; `secrets rewrap` reports what it could not re-wrap and fails.

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "fedlens-secrets-cli-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env.FEDLENS_SECRET_KEY;
  delete process.env.FEDLENS_SECRET_PREVIOUS_KEYS;
  delete process.env.FEDLENS_DATA_DIR;
  resetEnvCache();
});

function configure(env: Record<string, string>) {
  Object.assign(process.env, env);
  resetEnvCache();
}

async function output(run: () => Promise<number>): Promise<{ code: number; text: string }> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const code = await run();
    const text = [...log.mock.calls, ...error.mock.calls].map((args) => String(args[0])).join("\n");
    return { code, text };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("secrets key", () => {
  it("names the generated key's file and id, and prints the key only with --show", async () => {
    configure({ FEDLENS_DATA_DIR: dataDir });
    const plain = await output(() => secretsKey.run([]));
    expect(plain.code).toBe(0);
    expect(plain.text).toContain(path.join(dataDir, "secret-key"));
    expect(plain.text).not.toContain("FEDLENS_SECRET_KEY=");
    const shown = await output(() => secretsKey.run(["--show"]));
    const key = /FEDLENS_SECRET_KEY=(\S+)/.exec(shown.text)?.[1] ?? "";
    expect(parseMasterKey(key).key).toHaveLength(32);
    expect(plain.text).toContain(`key id ${masterKeyId(parseMasterKey(key).key)}`);
    expect(plain.text).not.toContain(key);
  });

  it("says the key comes from the variable when it is set", async () => {
    const key = randomBytes(32).toString("base64");
    configure({ FEDLENS_SECRET_KEY: key });
    const { text } = await output(() => secretsKey.run([]));
    expect(text).toContain(
      `comes from FEDLENS_SECRET_KEY (key id ${masterKeyId(parseMasterKey(key).key)})`,
    );
    expect(text).not.toContain(key);
  });
});

describe("secrets rewrap", () => {
  it("fails naming the connection whose key is gone, and leaves it as it was", async () => {
    const lost = randomBytes(32).toString("base64");
    configure({ FEDLENS_SECRET_KEY: lost });
    const admin = await createTestUser({ role: "admin" });
    const connection = await createConnection({
      actor: admin.actor,
      requestId: randomUUID(),
      input: ZConnectionCreateInput.parse(
        connectionBody("azure", { auth: secretAuth("azure", "x".repeat(30)) }),
      ),
    });
    configure({ FEDLENS_SECRET_KEY: deriveMasterKey("another generated secret".repeat(2)) });
    const { code, text } = await output(() => secretsRewrap.run([]));
    expect(code).toBe(1);
    expect(text).toContain(`Could not re-wrap the secret of connection "${connection.name}"`);
    expect(text).toContain(`master key ${masterKeyId(parseMasterKey(lost).key)}`);
    const row = await getDb().cloudConnection.findUniqueOrThrow({
      where: { id: connection.id },
      select: { secretKeyId: true },
    });
    expect(row.secretKeyId).toBe(masterKeyId(parseMasterKey(lost).key));
    // Nothing changed, so nothing is audited.
    expect(await getDb().auditEvent.count({ where: { action: "secret.rewrap" } })).toBe(0);
  });
});
