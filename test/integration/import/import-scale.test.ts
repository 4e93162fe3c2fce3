import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { commitImport } from "@/lib/sync/import/commit-import";
import { getImport } from "@/lib/sync/import/get-import";
import { runImportJob } from "@/lib/sync/import/run-import-job";
import { startImport } from "@/lib/sync/import/start-import";
import { createTestUser } from "@/test/factories/users";
import { fic, uamiTarget } from "@/test/unit/import/discovered-fixtures";
import { fake } from "./fake-adapter";
import { createTestConnection } from "./import-support";

// 1,000 credentials across 50 identities: proposed, paged and committed in
// one transaction. Timings are printed for the report, never asserted.

vi.mock("@/lib/clouds/adapters", async () => {
  const support = await import("./fake-adapter");
  return { cloudAdapter: support.fakeAdapter };
});
vi.mock("@/lib/connections/open-connection", () => ({
  openConnection: async (_db: unknown, id: string) => ({ id }),
}));
vi.mock("@/lib/jobs/enqueue", () => ({ enqueueJob: async () => "job" }));

describe("an import of 1,000 credentials", () => {
  // Some 2,000 audited creates in one transaction: well past the default test budget.
  it("proposes and commits every one of them", { timeout: 180_000 }, async () => {
    const targets = Array.from({ length: 50 }, (_, i) =>
      uamiTarget(
        `id-${i}`,
        Array.from({ length: 20 }, (_, j) =>
          fic(`fic-${j}`, { subject: `repo:contoso/app-${i}:environment:env-${j}` }),
        ),
      ),
    );
    fake.discover.mockResolvedValue({ targets, errors: [] });
    const { actor } = await createTestUser({ role: "operator" });
    const connection = await createTestConnection("azure");
    const run = await startImport({ actor, requestId: randomUUID(), connectionId: connection.id });
    await runImportJob({ runId: run.id });

    let started = performance.now();
    const select: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await getImport({ actor, runId: run.id, query: { limit: 25, cursor } });
      for (const target of page.data) {
        select.push(...target.bindings.filter((b) => b.selectable).map((b) => b.id));
      }
      cursor = page.meta.nextCursor ?? undefined;
    } while (cursor);
    const reviewMs = performance.now() - started;
    expect(select).toHaveLength(1000);

    started = performance.now();
    const result = await commitImport({
      actor,
      requestId: randomUUID(),
      runId: run.id,
      input: { select },
    });
    const commitMs = performance.now() - started;
    expect(result.created).toEqual({ issuers: 1, workloads: 1000, targets: 50, bindings: 1000 });
    expect(await getDb().binding.count({ where: { owned: true } })).toBe(1000);
    console.info(
      `import of 1,000 credentials: two review pages ${Math.round(reviewMs)} ms, commit ${Math.round(commitMs)} ms`,
    );
  });
});
