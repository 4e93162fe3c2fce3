import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EnvError, parseEnv, resetEnvCache } from "@/lib/env";
import { loadSecretKeyring, resolveSecretKey } from "@/lib/secrets/load-secret-keyring";
import { needsRewrap, open, rewrap, seal } from "@/lib/secrets/secret-box";

const newKey = () => randomBytes(32).toString("base64");
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fedlens-secret-key-"));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  resetEnvCache();
  await rm(dir, { recursive: true, force: true });
});

describe("FEDLENS_SECRET_KEY", () => {
  it.each([
    ["too short", randomBytes(16).toString("base64")],
    ["too long", randomBytes(48).toString("base64")],
    ["not base64", `${"!".repeat(43)}=`],
    ["base64url", randomBytes(32).toString("base64url").replace(/^./, "_")],
  ])("fails at boot when it is %s, naming the variable and not echoing the value", (_l, value) => {
    const run = () => parseEnv({ FEDLENS_SECRET_KEY: value });
    expect(run).toThrow(EnvError);
    expect(run).toThrow(/FEDLENS_SECRET_KEY: must be the base64 of 32 random bytes/);
    expect(run).not.toThrow(value);
  });

  it("fails at boot when one of FEDLENS_SECRET_PREVIOUS_KEYS is malformed", () => {
    const run = () => parseEnv({ FEDLENS_SECRET_PREVIOUS_KEYS: `${newKey()},nope` });
    expect(run).toThrow(/FEDLENS_SECRET_PREVIOUS_KEYS\.1: must be the base64/);
  });

  it("accepts a key with or without its padding", () => {
    const key = newKey();
    expect(parseEnv({ FEDLENS_SECRET_KEY: key }).FEDLENS_SECRET_KEY).toBe(key);
    expect(() => parseEnv({ FEDLENS_SECRET_KEY: key.replace(/=$/, "") })).not.toThrow();
  });

  it("when unset, is generated once into FEDLENS_DATA_DIR/secret-key and passes its own check", async () => {
    const env = parseEnv({ FEDLENS_DATA_DIR: dir });
    const key = await resolveSecretKey(env);
    expect(await resolveSecretKey(env)).toBe(key);
    expect((await readFile(path.join(dir, "secret-key"), "utf8")).trim()).not.toContain(key);
    // `serve` hands the result to the console process as FEDLENS_SECRET_KEY.
    expect(parseEnv({ FEDLENS_SECRET_KEY: key }).FEDLENS_SECRET_KEY).toBe(key);
    expect((await loadSecretKeyring(env)).current.key).toHaveLength(32);
  });
});

describe("seal, open, rewrap and needsRewrap under the configured keys", () => {
  function configure(current: string, previous: string[] = []) {
    vi.stubEnv("FEDLENS_SECRET_KEY", current);
    vi.stubEnv("FEDLENS_SECRET_PREVIOUS_KEYS", previous.join(","));
    resetEnvCache();
  }

  it("keeps a secret readable through a rotation and after the previous key is removed", async () => {
    const [oldKey, newerKey] = [newKey(), newKey()];
    const value = `canary-${randomBytes(8).toString("hex")}`;
    const aad = "connection:42:secretAccessKey";

    configure(oldKey);
    const record = await seal(value, aad);

    configure(newerKey, [oldKey]);
    expect((await open(record, aad)).reveal()).toBe(value);
    expect(await needsRewrap(record)).toBe(true);
    const rewrapped = await rewrap(record);
    expect(await needsRewrap(rewrapped)).toBe(false);

    configure(newerKey);
    expect((await open(rewrapped, aad)).reveal()).toBe(value);
    await expect(open(record, aad)).rejects.toMatchObject({ code: "unknown_key" });
  });
});
