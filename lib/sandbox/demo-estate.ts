import "server-only";
import { loadBindingParties } from "@/lib/catalog/bindings/binding-context";
import { cloudCatalog, targetKindInfo } from "@/lib/clouds/registry";
import type { Cloud, TargetKind } from "@/lib/clouds/types";
import type { DbOrTx } from "@/lib/db/client";
import { demoTargets } from "@/lib/db/demo/demo-targets";
import { fromDbEnum } from "@/lib/db/enum-names";
import { sandboxIssuerTargetExternalIds } from "@/lib/sandbox/sandbox-issuer-estate";

// The demo estate as its clouds would hold it: the demo catalogue's targets
// (found by the cloud's own id, so a target of the operator's that happens to
// share a name is never taken) and each binding's object exactly as the
// catalogue shows it (`cloudObject`), which the emulators are filled from.
// The cloud rules stay in lib/clouds: nothing here re-derives a FIC or a
// statement.

export type EstateBinding = { name: string; spec: unknown; cloudObject: unknown };
export type EstateTarget = {
  id: string;
  name: string;
  cloud: Cloud;
  kind: TargetKind;
  config: unknown;
  connectionId: string | null;
  bindings: EstateBinding[];
};

/** The externalIds of the demo catalogue's targets, as the catalogue computes them. */
export function demoTargetExternalIds(): string[] {
  return demoTargets.map((target) => {
    const info = targetKindInfo(target.kind);
    return info.identity(info.configSchema.parse(target.config)).externalId;
  });
}

export async function hasDemoCatalogue(db: DbOrTx): Promise<boolean> {
  const count = await db.cloudTarget.count({
    where: { externalId: { in: demoTargetExternalIds() } },
  });
  return count > 0;
}

/** The demo catalogue's targets and the Sandbox issuer's, with their bindings' cloud objects. */
export async function readDemoEstate(db: DbOrTx): Promise<EstateTarget[]> {
  const externalIds = [...demoTargetExternalIds(), ...sandboxIssuerTargetExternalIds()];
  const rows = await db.cloudTarget.findMany({
    where: { externalId: { in: externalIds } },
    select: { id: true, name: true, cloud: true, kind: true, config: true, connectionId: true },
    orderBy: { name: "asc" },
  });
  const estate: EstateTarget[] = [];
  for (const row of rows) {
    const bindings = await db.binding.findMany({
      where: { targetId: row.id },
      select: { id: true, name: true, spec: true, workloadId: true },
      orderBy: { name: "asc" },
    });
    const objects: EstateBinding[] = [];
    for (const binding of bindings) {
      const parties = await loadBindingParties(db, {
        targetId: row.id,
        workloadId: binding.workloadId,
        exceptBindingId: binding.id,
      });
      const cloudObject = cloudCatalog(row.cloud).cloudObject({ ...parties, spec: binding.spec });
      objects.push({ name: binding.name, spec: binding.spec, cloudObject });
    }
    estate.push({
      ...row,
      kind: fromDbEnum<TargetKind>(row.kind),
      bindings: objects,
    });
  }
  return estate;
}
