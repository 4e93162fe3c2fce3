import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { SyncStateBadge } from "@/components/workloads/sync-state-badge";
import { cloudLabels } from "@/lib/clouds/registry";
import type { TBinding } from "@/lib/schemas/binding";

/** The trusts that let this workload in, one row per binding. */
export function WorkloadBindings({ bindings }: { bindings: TBinding[] }) {
  if (bindings.length === 0) {
    return (
      <EmptyState title="No bindings yet">
        No cloud trusts this workload&apos;s tokens through Fedlens yet.
      </EmptyState>
    );
  }
  return (
    <Table>
      <thead>
        <tr>
          <Th>Binding</Th>
          <Th>Cloud</Th>
          <Th>Target</Th>
          <Th>Sync</Th>
        </tr>
      </thead>
      <tbody>
        {bindings.map((binding) => (
          <tr key={binding.id}>
            <Td>
              <Link
                href={`/bindings/${binding.id}`}
                className="font-medium text-primary hover:underline"
              >
                {binding.name}
              </Link>
            </Td>
            <Td>
              <Badge variant="outline">{cloudLabels[binding.cloud]}</Badge>
            </Td>
            <Td>
              <Link href={`/targets/${binding.target.id}`} className="hover:underline">
                {binding.target.name}
              </Link>
            </Td>
            <Td>
              <SyncStateBadge state={binding.syncState} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
