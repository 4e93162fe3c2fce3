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
});
