import "server-only";
import { loadBindingParties } from "@/lib/catalog/bindings/binding-context";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { cloudCatalog } from "@/lib/clouds/registry";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TBinding } from "@/lib/schemas/binding";
import { isUuid } from "@/lib/schemas/common";

/** One binding with the object as its cloud holds it and the warnings that apply today. */
export async function findBinding(id: string, db: DbOrTx = getDb()): Promise<TBinding | null> {
  if (!isUuid(id)) return null;
  const row = await db.binding.findUnique({ where: { id }, include: bindingInclude });
  if (!row) return null;
  const parties = await loadBindingParties(db, {
    targetId: row.target.id,
    workloadId: row.workload.id,
    exceptBindingId: id,
  });
  const catalog = cloudCatalog(row.cloud);
  // The stored spec passed these checks when saved; warnings can change as the workload or siblings do.
  const context = { ...parties, spec: row.spec, previous: row.spec };
  return toBindingDto(row, {
    cloudObject: catalog.cloudObject(context),
    evaluateBinding: catalog.evaluatorBinding(context),
    warnings: catalog.bindingFindings(context).warnings,
  });
}

export async function getBinding({ id, db }: { id: string; db?: DbOrTx }): Promise<TBinding> {
  const binding = await findBinding(id, db);
  if (!binding) throw new AppError("not_found", { message: "No binding with this id." });
  return binding;
}
