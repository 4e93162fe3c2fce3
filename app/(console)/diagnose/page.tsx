import type { Metadata } from "next";
import { DiagnosePanel } from "@/components/diagnose/diagnose-panel";
import type { DiagnoseLabels } from "@/components/diagnose/types";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { cloudLabels, targetKindInfo, targetKinds } from "@/lib/clouds/registry";

export const metadata: Metadata = { title: "Diagnose a token" };

// Names resolved here so the client bundle need not carry every cloud module.
const labels: DiagnoseLabels = {
  clouds: cloudLabels,
  targetKinds: Object.fromEntries(
    targetKinds.map((kind) => [kind, targetKindInfo(kind).label]),
  ) as DiagnoseLabels["targetKinds"],
};

export default async function DiagnosePage() {
  const actor = await requireRole("viewer");
  return (
    <>
      <PageHeader
        title="Diagnose a token"
        description="Paste a workload token: Fedlens checks its signature and tells, binding by binding, what each cloud would answer and why."
      />
      <DiagnosePanel labels={labels} canEdit={hasRole(actor.role, "operator")} />
    </>
  );
}
