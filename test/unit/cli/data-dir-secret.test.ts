import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureDataDirSecret } from "@/lib/cli/data-dir-secret";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fedlens-secret-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ensureDataDirSecret", () => {
  it("generates each secret once into its own owner-only file and returns it afterwards", async () => {
    const dataDir = path.join(dir, "data");
    const auditKey = await ensureDataDirSecret(dataDir, "audit-key");
    const authSecret = await ensureDataDirSecret(dataDir, "auth-secret");

    expect(auditKey).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(authSecret).not.toBe(auditKey);
    expect(await ensureDataDirSecret(dataDir, "audit-key")).toBe(auditKey);
    expect((await readFile(path.join(dataDir, "audit-key"), "utf8")).trim()).toBe(auditKey);
    expect((await stat(path.join(dataDir, "audit-key"))).mode & 0o777).toBe(0o600);
  });

  it("gives every one of several concurrent first starts the same secret", async () => {
    const secrets = await Promise.all(
      Array.from({ length: 8 }, () => ensureDataDirSecret(dir, "audit-key")),
    );

    expect(new Set(secrets).size).toBe(1);
  });

  it("replaces a file too short to be a secret", async () => {
    await writeFile(path.join(dir, "auth-secret"), "short\n");

    const secret = await ensureDataDirSecret(dir, "auth-secret");

    expect(secret).toHaveLength(64);
    expect(await ensureDataDirSecret(dir, "auth-secret")).toBe(secret);
  });
});
