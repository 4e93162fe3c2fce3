import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { auditedUpdate, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { assertProvidersStillUsed } from "@/lib/catalog/targets/assert-providers-still-used";
import { prepareTarget } from "@/lib/catalog/targets/prepare-target";
import { resolveTargetConnection } from "@/lib/catalog/targets/resolve-target-connection";
import { cloudCatalog } from "@/lib/clouds/registry";
import { targetInclude, toTargetDto } from "@/lib/catalog/targets/target-dto";
import type { TTarget, TTargetUpdateInput } from "@/lib/schemas/target";

/** The kind (and so the cloud) of a target never changes. */
export async function updateTarget({
  input,
  ...caller
}: VersionedCaller & { input: TTargetUpdateInput }): Promise<TTarget> {
  const { id } = caller;
  return auditedUpdate(
    caller,
    {
      action: "target.update",
      role: "operator",
      load: (tx) => tx.cloudTarget.findUnique({ where: { id }, include: targetInclude }),
      toDto: toTargetDto,
    },
    async (tx, current, before) => {
      const prepared = await prepareTarget(tx, {
        kind: before.kind,
        name: input.name,
        config: input.config ?? current.config,
        exceptId: id,
      });
      await assertProvidersStillUsed(tx, id, before.kind, prepared.config);
      const issuerUrl = cloudCatalog(before.cloud).targetIssuerUrl?.(prepared.config);
      if (issuerUrl !== undefined) {
        // The bindings' issuer column is what lists, diagnose and the trust
        // map find them by: a provider trusting another issuer moves them.
        await tx.binding.updateMany({
          where: { targetId: id, issuerUrl: { not: issuerUrl } },
          data: { issuerUrl },
        });
      }
      const link = await resolveTargetConnection(tx, before.cloud, input.connectionId);
      const relinked =
        link.connectionId !== undefined && link.connectionId !== current.connectionId;
      if (relinked) {
        // What the last check saw came through the old connection (or none):
        // the bindings wait for the next check instead of keeping it.
        await tx.binding.updateMany({
          where: { targetId: id },
          data: { syncState: "pending", drift: Prisma.DbNull, syncCheckedAt: null },
        });
      }
      return tx.cloudTarget.update({
        where: { id },
        data: {
          name: input.name,
          config: prepared.config,
          externalId: prepared.externalId,
          scope: prepared.scope,
          ...link,
          ...(relinked ? { drift: Prisma.DbNull, driftCheckedAt: null } : {}),
          version: { increment: 1 },
        },
        include: targetInclude,
      });
    },
  );
}
