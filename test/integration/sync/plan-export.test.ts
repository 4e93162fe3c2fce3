// A plan as code: the targets it would change as one Terraform file (parsed
// back), or one cloud's commands (other clouds' targets named, not
// included); bad formats and unknown plans answered as problems.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/v1/sync/plans/[id]/export/route";
import { getDb } from "@/lib/db/client";
import { createSyncPlan } from "@/lib/sync/plan/create-sync-plan";
import { exportPlan } from "@/lib/sync/plan/export-plan";
import { createTestToken } from "@/test/factories/users";
import { useAuditKeys } from "@/test/integration/audit/tamper";
import { call } from "@/test/support/http";
import { parseTerraform } from "@/test/unit/export/export-harness";
import { azureUamiWorld } from "./drift-worlds";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = azureUamiWorld();
let planId: string;

beforeAll(async () => {
  useAuditKeys(`plan-export-key-${randomUUID()}`);
  await world.start();
  const admin = env.admin();
  const { targetId } = await world.setUp(admin);
  await world.change();
  await getDb().binding.updateMany({ where: { targetId }, data: { owned: true } });
  planId = (await createSyncPlan({ ...caller(admin), scope: { kind: "target", id: targetId } })).id;
});
afterAll(async () => {
  useAuditKeys(undefined);
  await world.stop();
});

describe("exporting a plan", () => {
  it("writes the changed target as Terraform that parses, with the catalogue's credential", async () => {
    const document = await exportPlan({ planId, format: "terraform" });
    expect(document.filename).toBe(`fedlens-plan-${planId.slice(0, 8)}.tf`);
    expect(document.text).toMatch(
      /^# Exported by Fedlens: plan .*, 1 target to create or update\./,
    );
    const resources = await parseTerraform(document.text);
    const credentials = Object.values(resources.azurerm_federated_identity_credential ?? {});
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ name: "deploy-prod" });
  });

  it("as Azure CLI commands it holds the target; as AWS CLI it only says the target is elsewhere", async () => {
    const az = await exportPlan({ planId, format: "az" });
    expect(az.text).toMatch(/az identity federated-credential create/);
    const aws = await exportPlan({ planId, format: "aws" });
    expect(aws.text).toMatch(/1 more target is in another cloud/);
    expect(aws.text).not.toMatch(/az identity/);
  });

  it("answers the download with a file name, 400 for an unknown format and 404 for an unknown plan", async () => {
    const token = await createTestToken(env.admin());
    const get = (id: string, format: string) =>
      call(exportRoute.GET, {
        path: `/api/v1/sync/plans/${id}/export?format=${format}`,
        params: { id },
        token,
      });
    const ok = await get(planId, "terraform");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toContain(".tf");
    expect((await get(planId, "yaml")).status).toBe(400);
    expect((await get(randomUUID(), "terraform")).status).toBe(404);
  });
});
