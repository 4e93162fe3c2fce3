import "server-only";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import type { TargetKind } from "@/lib/clouds/types";
import type { DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { CatalogueSnapshot } from "@/lib/sync/import/build-proposals";
import type { TDiscovered } from "@/lib/sync/import/import-schemas";

/**
 * The part of the catalogue proposals are judged against: every issuer and
 * workload (matched by exact iss and subject, and for unique names), the
 * targets the cloud returned (by externalId) with their bindings.
 */
export async function loadCatalogue(
  db: DbOrTx,
  discovered: TDiscovered,
): Promise<CatalogueSnapshot> {
  const [issuers, workloads, targets, targetNames] = await Promise.all([
    db.issuer.findMany({ select: { id: true, name: true, issuerUrl: true, kind: true } }),
    db.workload.findMany({
      select: { id: true, name: true, issuerId: true, subject: true, subjectSpec: true },
    }),
    db.cloudTarget.findMany({
      where: { externalId: { in: discovered.targets.map((target) => target.externalId) } },
      select: {
        id: true,
        name: true,
        kind: true,
        externalId: true,
        config: true,
        bindings: { select: { id: true, name: true, spec: true }, orderBy: { name: "asc" } },
      },
    }),
    db.cloudTarget.findMany({ select: { name: true } }),
  ]);
  return {
    issuers: issuers.map((issuer) => ({ ...issuer, kind: issuerKindFromDb(issuer.kind) })),
    workloads,
    targets: targets.map((target) => ({ ...target, kind: fromDbEnum<TargetKind>(target.kind) })),
    names: {
      issuers: issuers.map((issuer) => issuer.name),
      workloads: workloads.map((workload) => workload.name),
      targets: targetNames.map((target) => target.name),
    },
  };
}
