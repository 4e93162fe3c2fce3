import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TargetForm } from "@/components/targets/target-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { findTarget } from "@/lib/catalog/targets/get-target";
import { targetKindInfo } from "@/lib/clouds/registry";
import { decodePrefill } from "@/lib/http/prefill";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { listConnectionOptions } from "@/lib/connections/list-connections";
import { loadIssuerOptions } from "../../../workloads/issuer-options";
import { updateTargetAction } from "../../actions";

export const metadata: Metadata = { title: "Edit cloud target" };

export default async function EditTargetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await requireRole("operator");
  const target = await findTarget((await params).id);
  if (!target) notFound();
  // A risk finding's fix opens this form with the narrowed settings (?prefill=).
  const prefill = decodePrefill(
    readSearchParam(await searchParams, "prefill"),
    targetKindInfo(target.kind).configSchema,
  );
  const issuers = target.kind === "gcp-provider" ? await loadIssuerOptions() : [];
  const connections = await listConnectionOptions(target.cloud);
  return (
    <>
      <PageHeader title={`Edit ${target.name}`} description={targetKindInfo(target.kind).label} />
      {prefill ? (
        <Alert className="mb-4">
          The form holds the suggested fix. Review it, then save; nothing changes until you do.
        </Alert>
      ) : null}
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
          config: (prefill as Record<string, unknown> | undefined) ?? target.config,
        }}
        cancelHref={`/targets/${target.id}`}
        submitLabel="Save changes"
      />
    </>
  );
}
