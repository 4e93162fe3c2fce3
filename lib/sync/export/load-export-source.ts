import "server-only";
import { findBinding, getBinding } from "@/lib/catalog/bindings/get-binding";
import { listBindings } from "@/lib/catalog/bindings/list-bindings";
import { getTarget } from "@/lib/catalog/targets/get-target";
import type { Cloud } from "@/lib/clouds/types";
import { maxPageSize } from "@/lib/pagination";
import type { TBinding } from "@/lib/schemas/binding";
import type { ExportSource } from "@/lib/sync/export/export-types";

// What an export is made from, read through the catalogue's own use-cases so
// the cloud objects are exactly those the binding pages show. Unknown ids are
// the use-cases' 404s.

const toExportBinding = (binding: TBinding) => ({
  name: binding.name,
  cloudObject: binding.cloudObject,
});

export async function loadBindingExport(
  id: string,
): Promise<{ cloud: Cloud; source: ExportSource }> {
  const binding = await getBinding({ id });
  const target = await getTarget({ id: binding.target.id });
  return {
    cloud: binding.cloud,
    source: {
      scope: "binding",
      target: { name: target.name, kind: target.kind, config: target.config },
      bindings: [toExportBinding(binding)],
    },
  };
}

export async function loadTargetExport(
  id: string,
): Promise<{ cloud: Cloud; source: ExportSource }> {
  const target = await getTarget({ id });
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listBindings({ query: { targetId: id, limit: maxPageSize, cursor } });
    ids.push(...page.data.map((binding) => binding.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const bindings: TBinding[] = [];
  // One at a time: each read holds a few queries, and a target has tens of
  // bindings at most. One deleted meanwhile is left out.
  for (const bindingId of ids) {
    const binding = await findBinding(bindingId);
    if (binding) bindings.push(binding);
  }
  return {
    cloud: target.cloud,
    source: {
      scope: "target",
      target: { name: target.name, kind: target.kind, config: target.config },
      bindings: bindings.map(toExportBinding),
    },
  };
}
