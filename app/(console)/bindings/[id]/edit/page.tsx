import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BindingForm } from "@/components/bindings/binding-form";
import { PartiesSummary } from "@/components/bindings/parties-summary";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { findBinding } from "@/lib/catalog/bindings/get-binding";
import { cloudCatalog } from "@/lib/clouds/registry";
import { decodePrefill } from "@/lib/http/prefill";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { updateBindingAction } from "../../actions";
import { loadFormParties } from "../../load-options";

export const metadata: Metadata = { title: "Edit binding" };

export default async function EditBindingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await requireRole("operator");
  const binding = await findBinding((await params).id);
  if (!binding) notFound();
  // A risk finding's fix opens this form with the narrowed spec (?prefill=).
  const prefill = decodePrefill(
    readSearchParam(await searchParams, "prefill"),
    cloudCatalog(binding.cloud).bindingSpecSchema,
  );
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
      {prefill ? (
        <Alert className="mb-4">
          The form holds the suggested fix. Review it, then save; nothing changes until you do.
        </Alert>
      ) : null}
      <BindingForm
        action={updateBindingAction}
        parties={parties}
        stored={(prefill as Record<string, unknown> | undefined) ?? binding.spec}
        edit={{ id: binding.id, version: binding.version }}
        cancelHref={`/bindings/${binding.id}`}
        submitLabel="Save changes"
      />
    </>
  );
}
