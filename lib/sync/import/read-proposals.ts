import "server-only";
import { cloudAdapter } from "@/lib/clouds/adapters";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { buildProposals, type Proposals } from "@/lib/sync/import/build-proposals";
import { importRunSelect, type ImportRunRow } from "@/lib/sync/import/import-run-dto";
import { ZDiscovered } from "@/lib/sync/import/import-schemas";
import { loadCatalogue } from "@/lib/sync/import/load-catalogue";

export type RunWithProposals = { run: ImportRunRow; proposals: Proposals | null };

/** The run and, once read, its proposals against the catalogue as it is now. Throws 404. */
export async function readProposals(db: DbOrTx, runId: string): Promise<RunWithProposals> {
  const row = await db.importRun.findUnique({
    where: { id: runId },
    select: { ...importRunSelect, discovered: true, connection: { select: { cloud: true } } },
  });
  if (!row) throw new AppError("not_found", { message: "No import with this id." });
  const { discovered: stored, connection, ...run } = row;
  if (stored === null || (run.status !== "ready" && run.status !== "imported")) {
    return { run, proposals: null };
  }
  const discovered = ZDiscovered.parse(stored);
  const adapter = cloudAdapter(connection.cloud);
  const proposals = buildProposals({
    cloud: connection.cloud,
    discovered,
    catalogue: await loadCatalogue(db, discovered),
    bindingKey: (spec) => adapter.bindingKey(spec),
  });
  return { run, proposals };
}
