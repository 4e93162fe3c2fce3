import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TargetForm } from "@/components/targets/target-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { findTarget } from "@/lib/catalog/targets/get-target";
import { targetKindInfo } from "@/lib/clouds/registry";
import { listConnectionOptions } from "@/lib/connections/list-connections";
import { loadIssuerOptions } from "../../../workloads/issuer-options";
import { updateTargetAction } from "../../actions";

export const metadata: Metadata = { title: "Edit cloud target" };

export default async function EditTargetPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("operator");
  const target = await findTarget((await params).id);
  if (!target) notFound();
  const issuers = target.kind === "gcp-provider" ? await loadIssuerOptions() : [];
  const connections = await listConnectionOptions(target.cloud);
  return (
    <>
      <PageHeader title={`Edit ${target.name}`} description={targetKindInfo(target.kind).label} />
      <TargetForm
        action={updateTargetAction}
        kind={target.kind}
        issuers={issuers}
        connections={connections}
        initial={{
          connectionId: target.connection?.id ?? null,
          id: target.id,
          version: target.version,
          name: target.name,
          config: target.config,
        }}
        cancelHref={`/targets/${target.id}`}
        submitLabel="Save changes"
      />
    </>
  );
}
