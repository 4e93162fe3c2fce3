import type { Metadata } from "next";
import { BindingForm } from "@/components/bindings/binding-form";
import { BindingPickForm } from "@/components/bindings/binding-pick-form";
import { PartiesSummary } from "@/components/bindings/parties-summary";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { targetKindInfo } from "@/lib/clouds/registry";
import { readSearchParams, type SearchParams } from "@/lib/http/search-params";
import { createBindingAction } from "../actions";
import { loadFormParties, targetOptions, workloadOptions } from "../load-options";

export const metadata: Metadata = { title: "Add binding" };

export default async function NewBindingPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireRole("operator");
  const { workloadId, targetId, step } = readSearchParams(await searchParams, [
    "workloadId",
    "targetId",
    "step",
  ]);
  const picking = step === "1";
  const parties =
    workloadId && targetId && !picking ? await loadFormParties({ workloadId, targetId }) : null;
  if (parties) {
    const change = new URLSearchParams({ step: "1", workloadId: parties.workload.id });
    change.set("targetId", parties.target.id);
    return (
      <>
        <PageHeader
          title="Add binding"
          description={<PartiesSummary parties={parties} changeHref={`/bindings/new?${change}`} />}
        />
        <BindingForm
          action={createBindingAction}
          parties={parties}
          cancelHref="/bindings"
          submitLabel="Add binding"
        />
      </>
    );
  }
  const [workloads, targets] = await Promise.all([workloadOptions(), targetOptions()]);
  return (
    <>
      <PageHeader
        title="Add binding"
        description="Step 1 of 2: choose the workload whose tokens the cloud should trust, and where."
      />
      {workloadId && targetId && !picking ? (
        <Alert variant="error" className="mb-4">
          That workload or target no longer exists; choose again.
        </Alert>
      ) : null}
      <BindingPickForm
        workloadId={workloadId}
        targetId={targetId}
        workloads={workloads.map((workload) => ({
          value: workload.id,
          label: `${workload.name} (${workload.issuer.name})`,
        }))}
        targets={targets.map((target) => ({
          value: target.id,
          label: `${target.name} (${targetKindInfo(target.kind).label})`,
        }))}
      />
    </>
  );
}
