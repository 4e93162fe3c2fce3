import "server-only";
import type { AdapterConnection, CatalogTargetRef, CloudError } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { openConnection } from "@/lib/connections/open-connection";
import type { DbOrTx } from "@/lib/db/client";
import { loadDriftTarget } from "@/lib/sync/drift/load-drift-target";
import { unusableConnection } from "@/lib/sync/drift/unusable-connection";

// Each target of an apply with its connection opened once: the target as
// the catalogue holds it now (a target deleted or unlinked since the plan
// cannot be written to), or why its changes cannot be applied.

export type ApplyTarget =
  | { ok: true; cloud: Cloud; ref: CatalogTargetRef; connection: AdapterConnection }
  | { ok: false; error: CloudError };

const notWritable = (message: string, fix: string): ApplyTarget => ({
  ok: false,
  error: { kind: "invalid", code: "TargetNotWritable", message, cause: message, fix },
});

export async function openApplyTarget(db: DbOrTx, targetId: string): Promise<ApplyTarget> {
  const target = await loadDriftTarget(db, targetId);
  if (!target) {
    return notWritable(
      "The target was deleted from the catalogue after the plan was made.",
      "Plan again.",
    );
  }
  if (!target.connectionId) {
    return notWritable(
      "The target has no cloud connection any more.",
      "Link the target to a connection, then plan again.",
    );
  }
  try {
    const connection = await openConnection(db, target.connectionId);
    return { ok: true, cloud: target.cloud, ref: target.ref, connection };
  } catch (error) {
    if (error instanceof Error && error.name.startsWith("PrismaClient")) throw error;
    return { ok: false, error: unusableConnection(error) };
  }
}
