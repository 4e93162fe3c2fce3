import "server-only";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import type { CatalogTargetRef } from "@/lib/clouds/adapter-types";
import { cloudAdapter } from "@/lib/clouds/adapters";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { BindingContext, Cloud, TargetKind } from "@/lib/clouds/types";
import type { DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { CatalogBindingForDrift } from "@/lib/sync/drift/compare-target";

// A target and its bindings as drift needs them, in one query: the adapter's
// reference to read, and each binding's cloud object built from the same
// context the binding page shows it with — or, where that object depends on
// the binding's siblings (AWS renders the whole trust policy), the adapter's
// per-binding object, so one changed sibling does not drift them all. The
// plan reads the same (with each binding's name, ownership and context).

export type DriftTarget = {
  id: string;
  cloud: Cloud;
  connectionId: string | null;
  drift: unknown;
  ref: CatalogTargetRef;
  bindings: (CatalogBindingForDrift & {
    name: string;
    owned: boolean;
    context: BindingContext;
    syncState: string;
    drift: unknown;
  })[];
};

/** The adapter's reference to a target, from its row and its bindings' names and specs. */
export function targetRef(target: {
  kind: string;
  config: unknown;
  externalId: string;
  bindings: { name: string; spec: unknown }[];
}): CatalogTargetRef {
  return {
    kind: fromDbEnum<TargetKind>(target.kind),
    config: target.config,
    externalId: target.externalId,
    bindings: target.bindings.map(({ name, spec }) => ({ name, spec })),
  };
}

export async function loadDriftTarget(db: DbOrTx, targetId: string): Promise<DriftTarget | null> {
  const target = await db.cloudTarget.findUnique({
    where: { id: targetId },
    select: {
      id: true,
      name: true,
      cloud: true,
      kind: true,
      config: true,
      externalId: true,
      connectionId: true,
      drift: true,
      bindings: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          spec: true,
          owned: true,
          syncState: true,
          drift: true,
          workload: {
            select: {
              id: true,
              name: true,
              subject: true,
              subjectSpec: true,
              issuer: { select: { issuerUrl: true, kind: true } },
            },
          },
        },
      },
    },
  });
  if (!target) return null;
  const kind = fromDbEnum<TargetKind>(target.kind);
  const catalog = cloudCatalog(target.cloud);
  const adapter = cloudAdapter(target.cloud);
  const siblings = target.bindings.map(({ id, name, spec }) => ({ id, name, spec }));
  const bindings = target.bindings.map((binding) => {
    const context: BindingContext = {
      spec: binding.spec,
      previous: binding.spec,
      target: { id: target.id, kind, name: target.name, config: target.config },
      workload: {
        id: binding.workload.id,
        name: binding.workload.name,
        subject: binding.workload.subject,
        subjectSpec: binding.workload.subjectSpec,
      },
      issuer: {
        issuerUrl: binding.workload.issuer.issuerUrl,
        kind: issuerKindFromDb(binding.workload.issuer.kind),
      },
      siblings: siblings.filter((sibling) => sibling.id !== binding.id),
    };
    return {
      id: binding.id,
      name: binding.name,
      owned: binding.owned,
      context,
      spec: binding.spec,
      cloudObject: adapter.comparableCloudObject
        ? adapter.comparableCloudObject(binding.spec, target.config)
        : catalog.cloudObject(context),
      syncState: fromDbEnum<string>(binding.syncState),
      drift: binding.drift,
    };
  });
  return {
    id: target.id,
    cloud: target.cloud,
    connectionId: target.connectionId,
    drift: target.drift,
    ref: targetRef(target),
    bindings,
  };
}
