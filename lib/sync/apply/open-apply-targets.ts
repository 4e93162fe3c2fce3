import "server-only";
import type { AdapterConnection, CatalogTargetRef, CloudError } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { openConnection } from "@/lib/connections/open-connection";
import type { DbOrTx } from "@/lib/db/client";
import { targetRef } from "@/lib/sync/drift/load-drift-target";
import { unusableConnection } from "@/lib/sync/drift/unusable-connection";

// Each target of an apply with its connection opened once: the target as
// the catalogue holds it now (a target deleted or unlinked since the plan
// cannot be written to), or why its changes cannot be applied. Targets of one
// connection share one opened connection (`opened`): the writers keep their
// clients, sign-ins and TLS sessions per connection object, so one object per
// target would give every target (every AWS role) clients of its own.
// Only what the writers take is loaded: the target's reference and its
// bindings' names and specs (drift's loader also builds every binding's
// context and cloud object, most of the time an apply spent before its first
// write).

export type ApplyTarget =
  | { ok: true; cloud: Cloud; ref: CatalogTargetRef; connection: AdapterConnection }
  | { ok: false; error: CloudError };

const notWritable = (message: string, fix: string): ApplyTarget => ({
  ok: false,
  error: { kind: "invalid", code: "TargetNotWritable", message, cause: message, fix },
});

/** Connections opened so far in one apply, by id. */
export type OpenedConnections = Map<string, Promise<AdapterConnection>>;

export async function openApplyTarget(
  db: DbOrTx,
  targetId: string,
  opened: OpenedConnections = new Map(),
): Promise<ApplyTarget> {
  const target = await db.cloudTarget.findUnique({
    where: { id: targetId },
    select: {
      cloud: true,
      kind: true,
      config: true,
      externalId: true,
      connectionId: true,
      bindings: { orderBy: { name: "asc" }, select: { name: true, spec: true } },
    },
  });
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
    let connection = opened.get(target.connectionId);
    if (!connection) {
      connection = openConnection(db, target.connectionId);
      opened.set(target.connectionId, connection);
    }
    return {
      ok: true,
      cloud: target.cloud,
      ref: targetRef(target),
      connection: await connection,
    };
  } catch (error) {
    if (error instanceof Error && error.name.startsWith("PrismaClient")) throw error;
    return { ok: false, error: unusableConnection(error) };
  }
}
