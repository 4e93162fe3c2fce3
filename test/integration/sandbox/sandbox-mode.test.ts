import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { decideSandbox, type SandboxInputs } from "@/lib/sandbox/sandbox-mode";
import { startSandboxIfEnabled } from "@/lib/sandbox/start-sandbox-if-enabled";
import type { Sandbox } from "@/lib/sandbox/start-sandbox";
import { setSandboxEnv, testKeyring } from "./sandbox-support";

// The sandbox never runs on an operator's own database unless told to:
// `auto` needs the embedded default holding the demo catalogue.

const base: SandboxInputs = {
  setting: "auto",
  databaseKind: "embedded",
  demoSeed: "auto",
  hasDemoCatalogue: true,
};

describe("the decision", () => {
  it.each<[string, Partial<SandboxInputs>, boolean]>([
    ["auto on the embedded demo", {}, true],
    ["auto on a Postgres server", { databaseKind: "postgres" }, false],
    [
      "auto beside a running console's embedded database",
      { databaseKind: "embedded-shared" },
      false,
    ],
    ["auto with the demo seed off", { demoSeed: "off" }, false],
    ["auto without the demo targets", { hasDemoCatalogue: false }, false],
    [
      "on, on a Postgres server without the demo",
      { setting: "on", databaseKind: "postgres", hasDemoCatalogue: false, demoSeed: "off" },
      true,
    ],
    ["off on the embedded demo", { setting: "off" }, false],
  ])("%s", (_name, change, enabled) => {
    const decision = decideSandbox({ ...base, ...change });
    expect(decision.enabled).toBe(enabled);
    expect(decision.reason).not.toBe("");
  });
});

describe("serve's hook against a real database", () => {
  const started: Sandbox[] = [];
  afterAll(async () => {
    await Promise.all(started.map((sandbox) => sandbox.close()));
  });
  const connections = () => getDb().cloudConnection.count();

  it("starts nothing and writes nothing on a database without the demo, under auto", async () => {
    await testKeyring();
    setSandboxEnv({ FEDLENS_SANDBOX: "auto", FEDLENS_DEMO_SEED: "auto" });
    expect(await startSandboxIfEnabled("embedded")).toBeUndefined();
    expect(await connections()).toBe(0);
  });

  it("starts nothing on a Postgres server holding the demo, under auto", async () => {
    await seedDemo();
    expect(await startSandboxIfEnabled("postgres")).toBeUndefined();
    expect(await connections()).toBe(0);
  });

  // In order: the first start creates the connections, the second rewires them.
  it.each([
    ["the embedded database holding the demo, under auto", "auto", "auto", "embedded", "created"],
    ["a Postgres server, demo seed off, when on", "on", "off", "postgres", "refreshed"],
  ] as const)("starts on %s", async (_name, setting, demoSeed, kind, outcome) => {
    setSandboxEnv({ FEDLENS_SANDBOX: setting, FEDLENS_DEMO_SEED: demoSeed });
    const sandbox = await startSandboxIfEnabled(kind);
    if (sandbox) started.push(sandbox);
    expect(sandbox?.connections[outcome].sort()).toEqual([
      "Sandbox AWS",
      "Sandbox Azure",
      "Sandbox GCP",
    ]);
  });

  it("starts nothing when off", async () => {
    setSandboxEnv({ FEDLENS_SANDBOX: "off", FEDLENS_DEMO_SEED: "auto" });
    expect(await startSandboxIfEnabled("embedded")).toBeUndefined();
  });
});
