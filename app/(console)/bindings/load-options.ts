import "server-only";
import type { BindingParties } from "@/components/bindings/types";
import { listBindings } from "@/lib/catalog/bindings/list-bindings";
import { listIssuers } from "@/lib/catalog/issuers/list-issuers";
import { findTarget } from "@/lib/catalog/targets/get-target";
import { listTargets } from "@/lib/catalog/targets/list-targets";
import { findWorkload } from "@/lib/catalog/workloads/get-workload";
import { listWorkloads } from "@/lib/catalog/workloads/list-workloads";
import { maxPageSize, type Page } from "@/lib/pagination";
import { isUuid } from "@/lib/schemas/common";

// Choices for the binding pages' selects: a few hundred by name is what a
// native select stays usable with; the filters' search covers the rest.
const maxOptions = 300;

async function collect<T>(fetchPage: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < maxOptions);
  return items.slice(0, maxOptions);
}

export function workloadOptions() {
  return collect((cursor) => listWorkloads({ query: { cursor, limit: maxPageSize } }));
}

export function targetOptions() {
  return collect((cursor) => listTargets({ query: { cursor, limit: maxPageSize } }));
}

export function issuerOptions() {
  return collect((cursor) => listIssuers({ query: { cursor, limit: maxPageSize } }));
}

/** The workload and target a binding form joins, with the target's other bindings; null if either is gone. */
export async function loadFormParties({
  workloadId,
  targetId,
  exceptBindingId,
}: {
  workloadId: string;
  targetId: string;
  exceptBindingId?: string;
}): Promise<BindingParties | null> {
  if (!isUuid(workloadId) || !isUuid(targetId)) return null;
  const [workload, target, siblings] = await Promise.all([
    findWorkload(workloadId),
    findTarget(targetId),
    collect((cursor) => listBindings({ query: { targetId, cursor, limit: maxPageSize } })),
  ]);
  if (!workload || !target) return null;
  return {
    workload: {
      id: workload.id,
      name: workload.name,
      subject: workload.subject,
      subjectSpec: workload.subjectSpec,
      issuer: workload.issuer,
    },
    target: {
      id: target.id,
      name: target.name,
      kind: target.kind,
      cloud: target.cloud,
      config: target.config,
    },
    siblings: siblings
      .filter((binding) => binding.id !== exceptBindingId)
      .map((binding) => ({ id: binding.id, name: binding.name, spec: binding.spec })),
  };
}
