import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { ConnectionSource } from "@/components/connections/connection-source";
import { PageHeader } from "@/components/ui/page-header";
import { Timestamp } from "@/components/ui/timestamp";
import { requireRole } from "@/lib/auth/current-actor";
import { listConnectionOptions } from "@/lib/connections/list-connections";
import { isAppError } from "@/lib/errors";
import { listImportRuns } from "@/lib/sync/import/list-import-runs";
import { StartImportButton } from "./import-islands";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRole("operator");
  const { id } = await params;
  const runs = await listImportRuns({ actor, connectionId: id }).catch((error: unknown) => {
    if (isAppError(error) && (error.code === "not_found" || error.code === "validation_failed"))
      notFound();
    throw error;
  });
  const connection = (await listConnectionOptions()).find((option) => option.id === id);
  return (
    <>
      <PageHeader
        title="Import existing trusts"
        description="Reads every federated credential, trust policy and workload identity grant this connection can see, and proposes catalogue rows for you to review. Nothing is written to the cloud."
      />
      <ConnectionSource connection={connection} />
      <div className="grid gap-6">
        <StartImportButton
          connectionId={id}
          label={runs.length ? "Import again" : "Start import"}
        />
        {runs.length === 0 ? (
          <EmptyState title="No import yet">
            Start one: the cloud is read in the background and you review what it found here.
          </EmptyState>
        ) : (
          <section aria-labelledby="recent-imports">
            <h2 id="recent-imports" className="mb-2 font-medium">
              Recent imports
            </h2>
            <ul className="grid gap-1 text-sm">
              {runs.map((run) => (
                <li key={run.id}>
                  <Link className="underline" href={`/connections/${id}/import/${run.id}`}>
                    <Timestamp iso={run.createdAt} />
                  </Link>{" "}
                  · {run.status}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}
