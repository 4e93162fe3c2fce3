import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BindingForm } from "@/components/bindings/binding-form";
import { PartiesSummary } from "@/components/bindings/parties-summary";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { findBinding } from "@/lib/catalog/bindings/get-binding";
import { updateBindingAction } from "../../actions";
import { loadFormParties } from "../../load-options";

export const metadata: Metadata = { title: "Edit binding" };

export default async function EditBindingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("operator");
  const binding = await findBinding((await params).id);
  if (!binding) notFound();
  const parties = await loadFormParties({
    workloadId: binding.workload.id,
    targetId: binding.target.id,
    exceptBindingId: binding.id,
  });
  if (!parties) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${binding.name}`}
        description={<PartiesSummary parties={parties} />}
      />
      <BindingForm
        action={updateBindingAction}
        parties={parties}
        stored={binding.spec}
        edit={{ id: binding.id, version: binding.version }}
        cancelHref={`/bindings/${binding.id}`}
        submitLabel="Save changes"
      />
    </>
  );
}
