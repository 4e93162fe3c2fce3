// Taking ownership of a binding's cloud object: before it, a plan only
// reports the difference (skipped); after it, the plan proposes the update.
// Through the API, with If-Match, audited, operators only, once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as adoptRoute from "@/app/api/v1/bindings/[id]/adopt/route";
import { getDb } from "@/lib/db/client";
import { createSyncPlan } from "@/lib/sync/plan/create-sync-plan";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { useAuditKeys } from "@/test/integration/audit/tamper";
import { call } from "@/test/support/http";
import { azureUamiWorld } from "./drift-worlds";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = azureUamiWorld();

beforeAll(async () => {
  useAuditKeys(`adopt-key-${randomUUID()}`);
  await world.start();
});
afterAll(async () => {
  useAuditKeys(undefined);
  await world.stop();
});

const summaryOf = async (id: string) =>
  (await getDb().syncPlan.findUniqueOrThrow({ where: { id }, select: { summary: true } }))
    .summary as Record<string, number>;

describe("taking ownership of a binding's cloud object", () => {
  it("turns a skipped difference into a planned update, audited, for operators only", async () => {
    const admin = env.admin();
    const { targetId } = await world.setUp(admin);
    await world.change();
    const binding = await getDb().binding.findFirstOrThrow({ where: { targetId } });
    expect(binding.owned).toBe(false);
    const scope = { kind: "target" as const, id: targetId };
    const before = await createSyncPlan({ ...caller(admin), scope });
    expect(await summaryOf(before.id)).toMatchObject({ skipped: 1, pending: 0 });

    const adopt = (token: string, version?: number) =>
      call(adoptRoute.POST, {
        method: "POST",
        path: `/api/v1/bindings/${binding.id}/adopt`,
        params: { id: binding.id },
        token,
        body: {},
        headers: version === undefined ? {} : { "If-Match": `"v${version}"` },
      });
    const viewer = await createTestToken(await createTestUser({ role: "viewer" }));
    const operator = await createTestToken(await createTestUser({ role: "operator" }));
    expect((await adopt(viewer, binding.version)).status).toBe(403);
    expect((await adopt(operator)).status).toBe(428);
    expect((await adopt(operator, binding.version + 5)).status).toBe(409);
    const adopted = await adopt(operator, binding.version);
    expect(adopted.status).toBe(200);
    expect(adopted.headers.get("etag")).toBe(`"v${binding.version + 1}"`);
    expect((await adopt(operator, binding.version + 1)).status).toBe(409);

    const events = await getDb().auditEvent.findMany({
      where: { action: "binding.adopt", entityId: binding.id },
    });
    expect(events.map((event) => event.after)).toEqual([{ owned: true }]);
    const after = await createSyncPlan({ ...caller(admin), scope });
    expect(await summaryOf(after.id)).toMatchObject({ update: 1, pending: 1, skipped: 0 });
  });
});
