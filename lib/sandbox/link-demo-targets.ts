import "server-only";
import { randomUUID } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import { auditedMutation } from "@/lib/catalog/audited-mutation";
import { targetKindInfo } from "@/lib/clouds/registry";
import type { Cloud } from "@/lib/clouds/types";
import type { DbOrTx } from "@/lib/db/client";
import type { EstateTarget } from "@/lib/sandbox/demo-estate";

// Each demo target belongs to the Sandbox connection of its cloud when it
// lives in that connection's tenant, account or project; a demo target in
// another account (the demo has one) stays catalogue-only. A target the
// operator linked to a connection of their own is left where it is.

export type SandboxLink = { connectionId: string; scope: string };

/** Links what needs linking, one audited `target.update` each; returns how many moved. */
export async function linkDemoTargets(
  estate: EstateTarget[],
  links: Partial<Record<Cloud, SandboxLink>>,
  { db, sandboxConnectionIds }: { db?: DbOrTx; sandboxConnectionIds: Set<string> },
): Promise<number> {
  const actor = systemActor("sandbox");
  let moved = 0;
  for (const target of estate) {
    const link = links[target.cloud];
    if (!link || target.connectionId === link.connectionId) continue;
    if (target.connectionId && !sandboxConnectionIds.has(target.connectionId)) continue;
    const info = targetKindInfo(target.kind);
    if (info.identity(info.configSchema.parse(target.config)).scope !== link.scope) continue;
    await auditedMutation(
      { actor, requestId: randomUUID(), db },
      { action: "target.update", role: "operator" },
      async (tx) => {
        await tx.cloudTarget.update({
          where: { id: target.id },
          data: { connectionId: link.connectionId, version: { increment: 1 } },
        });
        return {
          entityId: target.id,
          before: { connectionId: target.connectionId },
          after: { connectionId: link.connectionId },
          result: undefined,
        };
      },
    );
    moved += 1;
  }
  return moved;
}
