import "server-only";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { importRunSelect, toImportRunDto } from "@/lib/sync/import/import-run-dto";
import type { TImportRun } from "@/lib/sync/import/import-schemas";

/**
 * Records a queued import of the connection (audited) and hands the read to
 * the job queue: the cloud is never called inside the request.
 */
export async function startImport({
  connectionId,
  ...caller
}: MutationCaller & { connectionId: string }): Promise<TImportRun> {
  const run = await auditedMutation(
    caller,
    { action: "import.start", role: "operator" },
    async (tx) => {
      const connection = await tx.cloudConnection.findUnique({
        where: { id: connectionId },
        select: { id: true, name: true, cloud: true },
      });
      if (!connection) throw new AppError("not_found", { message: "No connection with this id." });
      const row = await tx.importRun.create({
        data: { connectionId, createdById: caller.actor.userId },
        select: importRunSelect,
      });
      return {
        entityId: row.id,
        after: { connectionId, connection: connection.name, cloud: connection.cloud },
        result: row,
      };
    },
  );
  try {
    await enqueueJob("import-read", { runId: run.id }, { singletonKey: run.id });
  } catch (error) {
    await getDb().importRun.update({
      where: { id: run.id },
      data: {
        status: "failed",
        finishedAt: new Date(),
        error: {
          kind: "other",
          code: "ImportNotQueued",
          message: "The import could not be queued.",
          cause: "The job queue did not accept the read.",
          fix: "Start the import again; if it keeps failing, check the console's logs.",
        },
      },
    });
    throw error;
  }
  return toImportRunDto(run);
}
