import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { SyncStateBadge } from "@/components/workloads/sync-state-badge";
import type { TBinding } from "@/lib/schemas/binding";

/** The workloads this target trusts, one row per binding. */
export function TargetBindings({ bindings }: { bindings: TBinding[] }) {
  if (bindings.length === 0) {
    return (
      <EmptyState title="No bindings yet">
        This target trusts no workload through Fedlens yet.
      </EmptyState>
    );
  }
  return (
    <Table>
      <thead>
        <tr>
          <Th>Binding</Th>
          <Th>Workload</Th>
          <Th>Subject</Th>
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
              <Link href={`/workloads/${binding.workload.id}`} className="hover:underline">
                {binding.workload.name}
              </Link>
            </Td>
            <Td className="font-mono text-xs break-all">{binding.subject}</Td>
            <Td>
              <SyncStateBadge state={binding.syncState} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
