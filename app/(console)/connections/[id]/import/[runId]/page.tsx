import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionSource } from "@/components/connections/connection-source";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { listConnectionOptions } from "@/lib/connections/list-connections";
import { hasRole } from "@/lib/auth/roles";
import { ZImportRunParams } from "@/lib/sync/import/import-schemas";
import { ImportReview } from "../import-islands";

export const metadata: Metadata = { title: "Review import" };

export default async function ImportRunPage({
  params,
}: {
  params: Promise<{ id: string; runId: string }>;
}) {
  const actor = await requireRole("viewer");
  const { id, runId } = await params;
  if (!ZImportRunParams.safeParse({ runId }).success) notFound();
  const connection = (await listConnectionOptions()).find((option) => option.id === id);
  return (
    <>
      <PageHeader
        title="Review import"
        description="Pick the rows to add to the catalogue. Rows already catalogued or different from the catalogue are shown, never overwritten."
      />
      <ConnectionSource connection={connection} />
      <p className="mb-4 text-sm">
        <Link className="underline" href={`/connections/${id}/import`}>
          ← All imports of this connection
        </Link>
      </p>
      <ImportReview runId={runId} canImport={hasRole(actor.role, "operator")} />
    </>
  );
}
