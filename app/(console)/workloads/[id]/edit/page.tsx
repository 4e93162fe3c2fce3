import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { WorkloadForm } from "@/components/workloads/workload-form";
import { requireRole } from "@/lib/auth/current-actor";
import { findWorkload } from "@/lib/catalog/workloads/get-workload";
import { updateWorkloadAction } from "../../actions";
import { loadIssuerOptions } from "../../issuer-options";

export const metadata: Metadata = { title: "Edit workload" };

export default async function EditWorkloadPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("operator");
  const [workload, issuers] = await Promise.all([
    findWorkload((await params).id),
    loadIssuerOptions(),
  ]);
  if (!workload) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${workload.name}`}
        description="Bindings keep the subject they were saved with; their warnings show any drift."
      />
      <WorkloadForm
        action={updateWorkloadAction}
        issuers={issuers}
        cancelHref={`/workloads/${workload.id}`}
        submitLabel="Save changes"
        initial={{
          id: workload.id,
          version: workload.version,
          name: workload.name,
          issuerId: workload.issuer.id,
          team: workload.team,
          description: workload.description,
          subjectSpec: workload.subjectSpec,
        }}
      />
    </>
  );
}
