import Link from "next/link";
import { SyncStateBadge } from "@/components/bindings/sync-state-badge";
import { BindingRiskCell } from "@/components/risk/binding-risk-cell";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { cloudLabels } from "@/lib/clouds/cloud-labels";
import type { BindingRisk } from "@/lib/schemas/risk";
import type { TBinding } from "@/lib/schemas/binding";

const linkClass = "text-primary hover:underline";

/**
 * Bindings, one row each, linking both ends; a workload's or target's page
 * leaves out the column that would only repeat itself.
 */
export function BindingTable({
  bindings,
  omit,
  risks,
}: {
  bindings: TBinding[];
  omit?: "workload" | "target";
  /** Open risk findings per binding id; the column shows only when given. */
  risks?: Map<string, BindingRisk>;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Binding</Th>
          <Th>Cloud</Th>
          {omit === "workload" ? null : <Th>Workload</Th>}
          {omit === "target" ? null : <Th>Target</Th>}
          <Th>Subject, pattern or member</Th>
          <Th>Sync</Th>
          {risks ? <Th>Findings</Th> : null}
        </tr>
      </thead>
      <tbody>
        {bindings.map((binding) => (
          <tr key={binding.id}>
            <Td>
              <Link href={`/bindings/${binding.id}`} className={`font-medium ${linkClass}`}>
                {binding.name}
              </Link>
            </Td>
            <Td>
              <Badge variant="outline">{cloudLabels[binding.cloud]}</Badge>
            </Td>
            {omit === "workload" ? null : (
              <Td>
                <Link href={`/workloads/${binding.workload.id}`} className={linkClass}>
                  {binding.workload.name}
                </Link>
              </Td>
            )}
            {omit === "target" ? null : (
              <Td>
                <Link href={`/targets/${binding.target.id}`} className={linkClass}>
                  {binding.target.name}
                </Link>
              </Td>
            )}
            <Td className="max-w-md font-mono text-xs break-all">
              {binding.subject || <span className="text-muted-foreground">none</span>}
            </Td>
            <Td>
              <SyncStateBadge state={binding.syncState} />
            </Td>
            {risks ? (
              <Td>
                <BindingRiskCell bindingId={binding.id} risk={risks.get(binding.id)} />
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
