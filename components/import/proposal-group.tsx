"use client";

import { useEffect, useRef } from "react";
import { ProposalDetails } from "@/components/import/proposal-details";
import { ProposalStatusBadge } from "@/components/import/proposal-status-badge";
import type { TBindingProposal, TTargetProposal } from "@/lib/sync/import/import-schemas";

type Props = {
  target: TTargetProposal;
  selected: ReadonlySet<string>;
  onToggle: (ids: string[], on: boolean) => void;
};

function workloadLine(binding: TBindingProposal): string {
  const { issuer, workload } = binding;
  if (!issuer) return "";
  const issuerPart = `${issuer.status === "new" ? "new issuer" : "issuer"} ${issuer.name}`;
  if (!workload) return issuerPart;
  const workloadPart = `${workload.status === "new" ? "new workload" : "workload"} ${workload.name} (${workload.reason})`;
  return `${issuerPart} · ${workloadPart}`;
}

/** One target and its bindings, with a checkbox that selects every selectable row of the group. */
export function ProposalGroup({ target, selected, onToggle }: Props) {
  const selectable = [
    ...(target.selectable ? [target.id] : []),
    ...target.bindings.filter((binding) => binding.selectable).map((binding) => binding.id),
  ];
  const count = selectable.filter((id) => selected.has(id)).length;
  const groupBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (groupBox.current) groupBox.current.indeterminate = count > 0 && count < selectable.length;
  }, [count, selectable.length]);
  const headingId = `group-${target.id}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border bg-card p-3">
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={groupBox}
          type="checkbox"
          aria-label={`Select every importable row of ${target.name}`}
          checked={selectable.length > 0 && count === selectable.length}
          disabled={selectable.length === 0}
          onChange={(event) => onToggle(selectable, event.target.checked)}
        />
        <h3 id={headingId} className="font-medium">
          {target.name}
        </h3>
        <ProposalStatusBadge status={target.status} />
        <span className="text-xs break-all text-muted-foreground">{target.externalId}</span>
      </div>
      <ProposalDetails findings={target.findings} diff={target.diff} />
      <ul className="mt-2 grid gap-2">
        {target.bindings.map((binding) => (
          <li key={binding.id} className="border-t pt-2">
            <label className="flex flex-wrap items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={selected.has(binding.id)}
                disabled={!binding.selectable}
                onChange={(event) => onToggle([binding.id], event.target.checked)}
              />
              <span className="font-mono">{binding.name}</span>
              <ProposalStatusBadge status={binding.status} />
            </label>
            <p className="text-xs text-muted-foreground">{workloadLine(binding)}</p>
            <ProposalDetails findings={binding.findings} diff={binding.diff} />
          </li>
        ))}
        {target.foreign.map((item) => (
          <li key={item.key} className="border-t pt-2 text-xs text-muted-foreground">
            Not importable: {item.description}
          </li>
        ))}
      </ul>
    </section>
  );
}
