import type { Proposals } from "@/lib/sync/import/build-proposals";
import type { TBindingProposal, TTargetProposal } from "@/lib/sync/import/import-schemas";
import { AppError, type InvalidParam } from "@/lib/errors";

// Turns the ids an operator ticked into the rows to create, against the
// proposals as they are now. Ids that no longer exist, or rows that became
// conflicting, mean the page is out of date (409); rows the catalogue rules
// refuse are refused up front (422) rather than rolled back halfway;
// rows already catalogued are nothing to do, which makes a repeated commit
// of the same selection a no-op.

export type Selection = {
  targets: TTargetProposal[];
  bindings: { target: TTargetProposal; binding: TBindingProposal }[];
  unchanged: number;
};

export function selectProposals(proposals: Proposals, ids: string[]): Selection {
  const targets = new Map(proposals.targets.map((target) => [target.id, target]));
  const bindings = new Map(
    proposals.targets.flatMap((target) =>
      target.bindings.map((binding) => [binding.id, { target, binding }] as const),
    ),
  );
  const selection: Selection = { targets: [], bindings: [], unchanged: 0 };
  const changed: InvalidParam[] = [];
  const refused: InvalidParam[] = [];
  for (const id of new Set(ids)) {
    const target = targets.get(id);
    const pair = bindings.get(id);
    const row = target ?? pair?.binding;
    if (!row) {
      changed.push({ name: id, reason: "no longer proposed by this import" });
    } else if (row.status === "catalogued") {
      selection.unchanged += 1;
    } else if (row.status === "conflicting") {
      changed.push({ name: id, reason: "differs from the catalogue; it is not overwritten" });
    } else if (!row.selectable) {
      refused.push({ name: id, reason: "the catalogue rules refuse it; see its findings" });
    } else if (target) {
      selection.targets.push(target);
    } else if (pair) {
      selection.bindings.push(pair);
    }
  }
  if (changed.length > 0) {
    throw new AppError("conflict", {
      message: "The proposals changed since they were loaded. Reload the import and select again.",
      invalidParams: changed,
    });
  }
  if (refused.length > 0) {
    throw new AppError("validation_failed", {
      message: "Some selected rows cannot be imported as they are.",
      invalidParams: refused,
    });
  }
  return selection;
}
