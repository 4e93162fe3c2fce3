// `npm run fedlens -- sync plan` in a child process against an emulator:
// the table it prints and its exit code (0 nothing to do, 2 changes
// pending, 1 a target unread or a change refused).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { useAuditKeys } from "@/test/integration/audit/tamper";
import { runCli } from "@/test/support/run-cli";
import { azureUamiWorld } from "./drift-worlds";
import { setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = azureUamiWorld();
const databaseUrl = inject("databaseUrl");
const timeout = 60_000;
const syncPlan = (...args: string[]) => runCli(databaseUrl, ["sync", "plan", ...args]);
const syncApply = (...args: string[]) => runCli(databaseUrl, ["sync", "apply", ...args]);

beforeAll(async () => {
  useAuditKeys(`plan-cli-key-${randomUUID()}`);
  await world.start();
});
afterAll(async () => {
  useAuditKeys(undefined);
  await world.stop();
});

describe("fedlens sync plan", () => {
  it(
    "exits 0 when in sync and 2 with the change listed once one is pending",
    { timeout },
    async () => {
      const { targetId } = await world.setUp(env.admin());
      const quiet = await syncPlan("--target", targetId);
      expect(quiet.stderr).toBe("");
      expect(quiet.code).toBe(0);
      expect(quiet.stdout).toMatch(/0 to create, 0 to update, 0 to delete, 1 in sync/);

      await world.change();
      await getDb().binding.updateMany({ where: { targetId }, data: { owned: true } });
      const pending = await syncPlan("--target", targetId);
      expect(pending.code).toBe(2);
      expect(pending.stdout).toMatch(/TARGET\s+BINDING\s+CHANGE\s+STATUS/);
      expect(pending.stdout).toMatch(/deploy-prod\s+update\s+pending/);
    },
  );

  it.each([
    ["an unknown target", ["--target", "00000000-0000-4000-8000-00000000dead"], 1, /No target/],
    ["both a target and a connection", ["--target", "a", "--connection", "b"], 2, /not both/],
    ["a target that is not an id", ["--target", "web-prod"], 2, /--target: not an id/],
  ])("exits with a message for %s", { timeout }, async (_case, args, code, message) => {
    const result = await syncPlan(...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  it(
    "sync apply --yes writes the pending change, and the next plan has nothing to do",
    { timeout },
    async () => {
      const { targetId } = await world.setUp(env.admin());
      await world.change();
      await getDb().binding.updateMany({ where: { targetId }, data: { owned: true } });

      const refused = await syncApply("--target", targetId);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/pass --yes/);

      const applied = await syncApply("--target", targetId, "--yes");
      expect(applied.stderr).toBe("");
      expect(applied.stdout).toMatch(/deploy-prod\s+update\s+applied/);
      expect(applied.stdout).toMatch(/1 applied, 0 already in sync, 0 failed/);
      expect(applied.code).toBe(0);

      const after = await syncPlan("--target", targetId);
      expect(after.code).toBe(0);
      const binding = await getDb().binding.findFirstOrThrow({ where: { targetId } });
      expect(binding.syncState).toBe("in_sync");
    },
  );

  it.each([
    ["--failed without a plan", ["--failed", "--yes"], /give --plan/],
    ["a plan and a target", ["--plan", randomUUID(), "--target", randomUUID()], /not both/],
    ["a plan that is not an id", ["--plan", "last"], /--plan: not an id/],
  ])("sync apply exits 2 for %s", { timeout }, async (_case, args, message) => {
    const result = await syncApply(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
