"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ImportProgress } from "@/components/import/import-progress";
import { ProposalGroup } from "@/components/import/proposal-group";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useCommitImport } from "@/lib/hooks/use-commit-import";
import { importQueryOptions, isReading } from "@/lib/queries/imports";
import type { TProposalSummary } from "@/lib/sync/import/import-schemas";

function summaryLine(summary: TProposalSummary): string {
  const { bindings, targets } = summary;
  return [
    `${targets.new + targets.catalogued + targets.conflicting} targets`,
    `${bindings.new} new bindings`,
    `${bindings.catalogued} already catalogued`,
    `${bindings.conflicting} conflicting`,
    `${summary.blocked} refused by the catalogue rules`,
    `${summary.foreign} not importable`,
    `${summary.readErrors} unreadable`,
  ].join(" · ");
}

/** Progress while the cloud is read, then the proposals page by page; the selection survives paging. */

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
export function ImportReview({ runId, canImport }: { runId: string; canImport: boolean }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const view = useQuery(importQueryOptions(runId, cursor));
  const commit = useCommitImport(runId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  if (view.error) return <Alert variant="error">{view.error.message}</Alert>;
  if (!view.data) return <p className="text-sm text-muted-foreground">Loading the import…</p>;
  const { run, summary, readErrors, data, meta } = view.data;
  if (isReading(run.status) || run.status === "failed") return <ImportProgress run={run} />;

  return (
    <div className="grid gap-4">
      {summary ? <p className="text-sm">{summaryLine(summary)}</p> : null}
      {commit.data ? (
        <Alert variant="success">
          Imported {counted(commit.data.created.bindings, "binding")},{" "}
          {counted(commit.data.created.targets, "target")},{" "}
          {counted(commit.data.created.workloads, "workload")} and{" "}
          {counted(commit.data.created.issuers, "issuer")};{" "}
          {commit.data.unchanged === 1
            ? "1 selected row was already catalogued."
            : `${commit.data.unchanged} selected rows were already catalogued.`}
        </Alert>
      ) : null}
      {commit.error ? <Alert variant="error">{commit.error.message}</Alert> : null}
      {readErrors.length > 0 ? (
        <Alert variant="warning">
          <p className="font-medium">Objects that could not be read</p>
          <ul>
            {readErrors.map((item) => (
              <li key={item.object}>
                {item.object}: {item.error.message} {item.error.fix}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {data.length === 0 ? (
        <p className="text-sm text-muted-foreground">The cloud holds nothing to import.</p>
      ) : null}
      {data.map((target) => (
        <ProposalGroup key={target.id} target={target} selected={selected} onToggle={toggle} />
      ))}
      <nav aria-label="Pagination" className="flex justify-between">
        <Button
          variant="outline"
          size="sm"
          disabled={cursors.length < 2}
          onClick={() => setCursors((stack) => stack.slice(0, -1))}
        >
          ← Previous
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={!meta.nextCursor}
          onClick={() => setCursors((stack) => [...stack, meta.nextCursor])}
        >
          Next →
        </Button>
      </nav>
      {canImport ? (
        <div className="flex items-center gap-3">
          <Button
            disabled={selected.size === 0 || commit.isPending}
            onClick={() =>
              commit.mutate([...selected], { onSuccess: () => setSelected(new Set()) })
            }
          >
            {commit.isPending ? "Importing…" : `Import selected (${selected.size})`}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}
    </div>
  );
}
