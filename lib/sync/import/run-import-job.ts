import "server-only";
import { CloudCallError, type CloudError, type DiscoverProgress } from "@/lib/clouds/adapter-types";
import { cloudAdapter } from "@/lib/clouds/adapters";
import { openConnection } from "@/lib/connections/open-connection";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { JobData } from "@/lib/jobs/job-names";
import { logger } from "@/lib/log/logger";
import { ZDiscovered } from "@/lib/sync/import/import-schemas";

// Reads what a connection's cloud holds into its ImportRun. Level-triggered
// and idempotent (SECURITY.md 4.1, 4.3): a run that has finished is left
// alone; a run caught mid-read by a crash is read again from the start and
// its result replaces the partial one, so a retry converges and never
// duplicates. Only the database can make it throw (the job is then retried);
// what the cloud answers ends in `ready` or `failed`.

/** Progress is written at most this often, however fast the adapter reports. */
export const progressIntervalMs = 250;

const finished = new Set(["ready", "failed", "imported"]);

export async function runImportJob({ runId }: JobData["import-read"]): Promise<void> {
  const db = getDb();
  const run = await db.importRun.findUnique({
    where: { id: runId },
    select: { status: true, connectionId: true, connection: { select: { cloud: true } } },
  });
  if (!run || finished.has(run.status)) return;
  await db.importRun.update({
    where: { id: runId },
    data: {
      status: "reading",
      startedAt: new Date(),
      progress: { read: 0, message: "Connecting" },
    },
  });
  const adapter = cloudAdapter(run.connection.cloud);
  const progress = progressWriter(runId);
  let outcome: Prisma.ImportRunUpdateManyMutationInput;
  try {
    const connection = await openConnection(db, run.connectionId);
    const result = await adapter.discover(connection, { onProgress: progress.report });
    const discovered = ZDiscovered.parse(result);
    const read = discovered.targets.length;
    outcome = {
      status: "ready",
      discovered: discovered as unknown as Prisma.InputJsonValue,
      error: Prisma.DbNull,
      progress: { read, total: read, message: `Read ${read} ${read === 1 ? "object" : "objects"}` },
    };
  } catch (error) {
    const cloudError = explain(error, adapter.explain);
    logger.warn({ runId, code: cloudError.code }, "import read failed");
    outcome = { status: "failed", error: cloudError as Prisma.InputJsonValue };
  }
  await progress.flush();
  // Only a run still reading takes the result: a duplicate delivery of the
  // job that finished first is not undone by the slower one.
  await db.importRun.updateMany({
    where: { id: runId, status: "reading" },
    data: { ...outcome, finishedAt: new Date() },
  });
}

function explain(error: unknown, adapterExplain: (error: unknown) => CloudError): CloudError {
  if (error instanceof CloudCallError) return error.cloudError;
  try {
    return adapterExplain(error);
  } catch {
    return {
      kind: "other",
      code: "ImportReadFailed",
      message: "The cloud could not be read.",
      cause: "An unexpected error stopped the read.",
      fix: "Test the connection, then start the import again.",
    };
  }
}

/** Writes progress in order, skipping reports closer than progressIntervalMs to the last write. */
function progressWriter(runId: string) {
  let lastWrite = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const report: DiscoverProgress = ({ read, total, message }) => {
    const now = Date.now();
    if (now - lastWrite < progressIntervalMs) return;
    lastWrite = now;
    const progress = {
      read,
      ...(total === undefined ? {} : { total }),
      message: message.slice(0, 500),
    };
    queue = queue.then(() =>
      getDb()
        .importRun.updateMany({ where: { id: runId, status: "reading" }, data: { progress } })
        .catch((error: unknown) => logger.warn({ err: error, runId }, "import progress not saved")),
    );
  };
  return { report, flush: () => queue };
}
