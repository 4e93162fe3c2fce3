import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { commitImport } from "@/lib/sync/import/commit-import";
import { getImport } from "@/lib/sync/import/get-import";
import { runImportJob } from "@/lib/sync/import/run-import-job";
import { startImport } from "@/lib/sync/import/start-import";
import { createTestUser } from "@/test/factories/users";
import {
  AUDIENCES,
  ISSUER,
  setUpAdapterFixture,
} from "@/test/integration/clouds/azure/azure-adapter-fixture";
import { createTestConnection } from "./import-support";

// The whole import through the real Azure adapter and SDK clients against the
// emulator: read, propose, commit, then a second read finds it all catalogued.

const fx = setUpAdapterFixture(3);
vi.mock("@/lib/connections/open-connection", () => ({
  openConnection: async () => fx.connection(),
}));
vi.mock("@/lib/jobs/enqueue", () => ({ enqueueJob: async () => "job" }));

describe("import from the Azure emulator", () => {
  it("imports an identity's credentials as owned, in-sync bindings, and finds them catalogued next time", async () => {
    const identity = fx.identity("id-import");
    fx.emulator.store.seedFic(identity, {
      name: "gh-prod",
      properties: {
        issuer: ISSUER,
        subject: "repo:contoso/app:environment:prod",
        audiences: AUDIENCES,
      },
    });
    fx.emulator.store.seedFic(identity, {
      name: "k8s-api",
      properties: {
        issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789",
        subject: "system:serviceaccount:payments:api",
        audiences: AUDIENCES,
      },
    });
    const { actor } = await createTestUser({ role: "operator" });
    const connection = await createTestConnection("azure");
    const read = async () => {
      const run = await startImport({
        actor,
        requestId: randomUUID(),
        connectionId: connection.id,
      });
      await runImportJob({ runId: run.id });
      return { run, view: await getImport({ actor, runId: run.id, query: { limit: 100 } }) };
    };

    const first = await read();
    expect(first.view.run.status).toBe("ready");
    const target = first.view.data.find((t) => t.displayName === "id-import");
    expect(target?.bindings.map((b) => [b.name, b.status, b.selectable])).toEqual([
      ["gh-prod", "new", true],
      ["k8s-api", "new", true],
    ]);
    const result = await commitImport({
      actor,
      requestId: randomUUID(),
      runId: first.run.id,
      input: { select: target?.bindings.map((b) => b.id) ?? [] },
    });
    expect(result.created).toEqual({ issuers: 2, workloads: 2, targets: 1, bindings: 2 });
    const issuers = await getDb().issuer.findMany({
      select: { issuerUrl: true, kind: true },
      orderBy: { issuerUrl: "asc" },
    });
    expect(issuers).toEqual([
      {
        issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789",
        kind: "kubernetes_eks",
      },
      { issuerUrl: ISSUER, kind: "github_actions" },
    ]);

    const second = await read();
    const again = second.view.data.find((t) => t.displayName === "id-import");
    expect(again?.status).toBe("catalogued");
    expect(again?.bindings.map((b) => b.status)).toEqual(["catalogued", "catalogued"]);
  });
});
