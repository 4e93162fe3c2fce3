import "server-only";
import {
  auditedMutation,
  loadVersioned,
  type VersionedCaller,
} from "@/lib/catalog/audited-mutation";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TBinding } from "@/lib/schemas/binding";

// "Take ownership": an operator declares that the cloud object this binding
// describes is Fedlens's to change. Until then a plan only reports how the
// object differs from the catalogue (skipped); afterwards it proposes the
// update. For objects written by hand, or seeded, before Fedlens managed them.

export async function adoptBinding(caller: VersionedCaller): Promise<TBinding> {
  const { id } = caller;
  return auditedMutation(caller, { action: "binding.adopt", role: "operator" }, async (tx) => {
    const current = await loadVersioned(tx, { ...caller, entity: "binding" }, () =>
      tx.binding.findUnique({ where: { id }, include: bindingInclude }),
    );
    if (current.owned) {
      throw new AppError("conflict", {
        message: "Fedlens already owns this binding's cloud object.",
      });
    }
    const row = await tx.binding.update({
      where: { id },
      data: { owned: true, version: { increment: 1 } },
      include: bindingInclude,
    });
    return {
      entityId: id,
      before: { owned: false },
      after: { owned: true },
      result: toBindingDto(row),
    };
  });
}

/** Whether Fedlens owns the binding's cloud object (created or imported it, or an operator took it over). */
export async function bindingOwned(id: string): Promise<boolean> {
  const row = await getDb().binding.findUnique({ where: { id }, select: { owned: true } });
  return row?.owned ?? false;
}
