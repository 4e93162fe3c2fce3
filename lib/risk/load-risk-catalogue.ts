import "server-only";
import { bySiblingOrder } from "@/lib/catalog/bindings/sibling-order";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import type { TargetKind } from "@/lib/clouds/types";
import type { DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { CatalogueBinding, RiskCatalogue } from "@/lib/risk/rule-source";
import { environmentWorkloadIndex } from "@/lib/risk/environment-workloads";
import { tenantOf } from "@/lib/risk/workload-tenant";

// One snapshot of the whole catalogue in four queries, shaped as the
// per-binding checks take it (the same parties loadBindingParties gives the
// binding page, siblings included), so the register and the page agree.

/** `targetIds` narrows the snapshot to those targets (whole, siblings included); no issuer findings. */
export type RiskScope = { targetIds?: string[] };

export async function loadRiskCatalogue(
  db: DbOrTx,
  { targetIds }: RiskScope = {},
  at: Date = new Date(),
): Promise<RiskCatalogue> {
  const inTargets = targetIds ? { in: targetIds } : undefined;
  const [targets, workloads, bindings, issuers] = await Promise.all([
    db.cloudTarget.findMany({
      where: { id: inTargets },
      select: { id: true, name: true, cloud: true, kind: true, config: true },
      orderBy: { name: "asc" },
    }),
    db.workload.findMany({
      select: {
        id: true,
        name: true,
        issuerId: true,
        subject: true,
        subjectSpec: true,
        issuer: { select: { issuerUrl: true, kind: true } },
      },
    }),
    db.binding.findMany({
      where: { targetId: inTargets },
      select: {
        id: true,
        name: true,
        cloud: true,
        spec: true,
        targetId: true,
        workloadId: true,
        issuerUrl: true,
      },
      orderBy: { name: "asc" },
    }),
    db.issuer.findMany({
      select: {
        id: true,
        name: true,
        issuerUrl: true,
        kind: true,
        keySet: { select: { ok: true, lastError: true, checkedAt: true, keys: true } },
      },
      orderBy: { name: "asc" },
    }),
  ]);
  const targetById = new Map(targets.map((target) => [target.id, target]));
  const workloadById = new Map(workloads.map((workload) => [workload.id, workload]));
  const byTarget = new Map<string, typeof bindings>();
  for (const binding of bindings.sort(bySiblingOrder)) {
    const group = byTarget.get(binding.targetId);
    if (group) group.push(binding);
    else byTarget.set(binding.targetId, [binding]);
  }

  const environmentsOf = environmentWorkloadIndex(
    workloads.map((workload) => ({ ...workload, issuerUrl: workload.issuer.issuerUrl })),
  );

  const catalogueBindings: CatalogueBinding[] = [];
  for (const binding of bindings) {
    const target = targetById.get(binding.targetId);
    const workload = workloadById.get(binding.workloadId);
    if (!target || !workload) continue;
    const siblings = (byTarget.get(target.id) ?? [])
      .filter((other) => other.id !== binding.id)
      .map((other) => ({ id: other.id, name: other.name, spec: other.spec }));
    catalogueBindings.push({
      id: binding.id,
      name: binding.name,
      cloud: binding.cloud,
      context: {
        spec: binding.spec,
        previous: binding.spec,
        target: {
          id: target.id,
          name: target.name,
          kind: fromDbEnum<TargetKind>(target.kind),
          config: target.config,
        },
        workload: {
          id: workload.id,
          name: workload.name,
          subject: workload.subject,
          subjectSpec: workload.subjectSpec,
        },
        issuer: {
          issuerUrl: workload.issuer.issuerUrl,
          kind: issuerKindFromDb(workload.issuer.kind),
        },
        siblings,
      },
      hints: {
        environmentWorkloads: environmentsOf({
          ...workload,
          issuerUrl: workload.issuer.issuerUrl,
        }),
      },
    });
  }

  return {
    bindings: catalogueBindings,
    targets: targets.map((target) => {
      const owners = new Set(
        (byTarget.get(target.id) ?? []).flatMap((binding) => {
          const tenant = tenantOf(workloadById.get(binding.workloadId)?.subjectSpec);
          return tenant ? [tenant] : [];
        }),
      );
      return {
        id: target.id,
        name: target.name,
        cloud: target.cloud,
        kind: fromDbEnum<TargetKind>(target.kind),
        config: target.config,
        boundOwners: [...owners].sort(),
      };
    }),
    trust: {
      issuers: issuers.map((issuer) => ({
        id: issuer.id,
        name: issuer.name,
        issuerUrl: issuer.issuerUrl,
        kind: issuerKindFromDb(issuer.kind),
      })),
      workloads: workloads.map(({ id, name, issuerId, subject, subjectSpec }) => ({
        id,
        name,
        issuerId,
        subject,
        subjectSpec,
      })),
      targets: targets.map((target) => ({
        id: target.id,
        name: target.name,
        kind: fromDbEnum<TargetKind>(target.kind),
        config: target.config,
      })),
      bindings: bindings.map(({ id, name, cloud, workloadId, targetId, issuerUrl, spec }) => ({
        id,
        name,
        cloud,
        workloadId,
        targetId,
        issuerUrl,
        spec,
      })),
    },
    at,
    // Issuers are cheap and the graph needs them; only the key findings follow the scope.
    issuers: (targetIds ? [] : issuers).map((issuer) => ({
      id: issuer.id,
      name: issuer.name,
      issuerUrl: issuer.issuerUrl,
      keys: issuer.keySet
        ? {
            ok: issuer.keySet.ok,
            lastError: issuer.keySet.lastError,
            checkedAt: issuer.keySet.checkedAt,
            keyCount: Array.isArray(issuer.keySet.keys) ? issuer.keySet.keys.length : 0,
          }
        : null,
    })),
  };
}
