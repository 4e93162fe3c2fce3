import "server-only";
import type { CloudAdapter, TargetRead } from "@/lib/clouds/adapter-types";
import { cloudAdapter } from "@/lib/clouds/adapters";
import { openConnection } from "@/lib/connections/open-connection";
import { getDb } from "@/lib/db/client";
import type { JobData } from "@/lib/jobs/job-names";
import { logger } from "@/lib/log/logger";
import { loadDriftTarget, type DriftTarget } from "@/lib/sync/drift/load-drift-target";
import { recordDrift } from "@/lib/sync/drift/record-drift";
import { unusableConnection } from "@/lib/sync/drift/unusable-connection";

/** Reads the target through its connection; only a database failure throws (and the job retries). */
export async function readThroughConnection(
  adapter: CloudAdapter,
  target: Pick<DriftTarget, "ref"> & { connectionId: string },
): Promise<TargetRead> {
  let connection;
  try {
    connection = await openConnection(getDb(), target.connectionId);
  } catch (error) {
    if (error instanceof Error && error.name.startsWith("PrismaClient")) throw error;
    return { state: "unreadable", error: unusableConnection(error) };
  }
  try {
    return await adapter.readTarget(connection, target.ref);
  } catch (error) {
    // The contract says adapters do not throw for a cloud failure; if one does, it is still unknown.
    return { state: "unreadable", error: adapter.explain(error) };
  }
}

/**
 * Compares one target with its cloud and records each binding's state.
 * Idempotent: a re-run over an unchanged cloud writes the same states and
 * audits nothing. A target without a connection is left alone (its
 * bindings stay pending).
 */
export async function runDriftJob(data: JobData["drift-target"]): Promise<void> {
  const target = await loadDriftTarget(getDb(), data.targetId);
  if (!target?.connectionId) return;
  const adapter = cloudAdapter(target.cloud);
  const read = await readThroughConnection(adapter, {
    ...target,
    connectionId: target.connectionId,
  });
  const recorded = await recordDrift({
    targetId: target.id,
    read,
    bindingKey: (spec) => adapter.bindingKey(spec),
  });
  logger.info(
    { targetId: target.id, reason: data.reason, read: read.state, ...recorded },
    "drift check done",
  );
}
