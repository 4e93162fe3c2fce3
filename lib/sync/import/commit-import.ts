import "server-only";
import { assertRole } from "@/lib/auth/assert-role";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createImportedRows } from "@/lib/sync/import/create-imported-rows";
import { importRunSelect, toImportRunDto } from "@/lib/sync/import/import-run-dto";
import type { TImportCommitInput, TImportCommitResult } from "@/lib/sync/import/import-schemas";
import { readProposals } from "@/lib/sync/import/read-proposals";
import { selectProposals } from "@/lib/sync/import/select-proposals";

// A large import writes many rows, each with its own audit event; the
// default 15 s transaction budget is for single-row edits.
const commitTimeoutMs = 120_000;

/**
 * Creates the selected rows in one transaction, through the same create
 * use-cases as the forms (each writes its own audit event), and one
 * `import.commit` event summarising the counts. All or nothing.
 */
export async function commitImport({
  runId,
  input,
  ...caller
}: MutationCaller & { runId: string; input: TImportCommitInput }): Promise<TImportCommitResult> {
  assertRole(caller.actor, "operator");
  return getDb().$transaction(
    async (tx) => {
      // Two commits of one run take turns, so the second sees the first's rows.
      await tx.$executeRaw`SELECT 1 FROM import_run WHERE id = ${runId}::uuid FOR UPDATE`;
      const { run, proposals } = await readProposals(tx, runId);
      if (!proposals) {
        throw new AppError("conflict", {
          message: `This import is ${run.status}; it can be imported once it has read the cloud.`,
        });
      }
      const selection = selectProposals(proposals, input.select);
      return auditedMutation(
        { ...caller, db: tx },
        { action: "import.commit", role: "operator" },
        async (inner) => {
          const created = await createImportedRows(inner, caller, {
            connectionId: run.connectionId,
            selection,
          });
          const updated = await inner.importRun.update({
            where: { id: runId },
            data: { status: "imported" },
            select: importRunSelect,
          });
          const result = {
            run: toImportRunDto(updated),
            created,
            unchanged: selection.unchanged,
          };
          return {
            entityId: runId,
            after: { connectionId: run.connectionId, created, unchanged: selection.unchanged },
            result,
          };
        },
      );
    },
    { timeout: commitTimeoutMs },
  );
}
