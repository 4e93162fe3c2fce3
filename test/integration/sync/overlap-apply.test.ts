// Two plans naming the same target cannot be applied at once: the second
// approval is refused while the first is writing (a worker in another
// process could otherwise write the same identity in parallel); once the
// first has finished, the second is judged on its own (here: out of date).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";
import { startApply } from "@/lib/sync/apply/start-apply";
import { createSyncPlan } from "@/lib/sync/plan/create-sync-plan";
import { useAuditKeys } from "@/test/integration/audit/tamper";
import { azureUamiWorld } from "./drift-worlds";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = azureUamiWorld();

beforeAll(async () => {
  useAuditKeys(`overlap-key-${randomUUID()}`);
  await world.start();
});
afterAll(async () => {
  useAuditKeys(undefined);
  await world.stop();
});

describe("applying two plans of one target", () => {
  it("refuses the second while the first is applying; afterwards it is only out of date", async () => {
    const admin = env.admin();
    const { targetId } = await world.setUp(admin);
    await world.change();
    await getDb().binding.updateMany({ where: { targetId }, data: { owned: true } });
    const scope = { kind: "target" as const, id: targetId };
    const first = await createSyncPlan({ ...caller(admin), scope });
    const second = await createSyncPlan({ ...caller(admin), scope });

    await startApply({ ...caller(admin), planId: first.id, mode: "pending", enqueue: false });
    const refused = await startApply({
      ...caller(admin),
      planId: second.id,
      mode: "pending",
      enqueue: false,
    }).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe("conflict");
    expect(isAppError(refused) && refused.details).toMatchObject({
      reason: "busy",
      plan: first.id,
    });
    expect((await getDb().syncPlan.findUniqueOrThrow({ where: { id: second.id } })).status).toBe(
      "draft",
    );

    await runApplyJob({ planId: first.id });
    expect((await getDb().syncPlan.findUniqueOrThrow({ where: { id: first.id } })).status).toBe(
      "applied",
    );
    // The first apply changed the cloud, so the second plan is now out of date: refused as stale, not busy.
    const stale = await startApply({
      ...caller(admin),
      planId: second.id,
      mode: "pending",
      enqueue: false,
    }).catch((error: unknown) => error);
    expect(isAppError(stale) && stale.details).toMatchObject({ reason: "stale" });
  });
});
