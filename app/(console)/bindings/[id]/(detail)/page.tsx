import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdoptBindingButton } from "@/components/bindings/adopt-binding-button";
import { BindingChain } from "@/components/bindings/binding-chain";
import { BindingCloudObject } from "@/components/bindings/binding-cloud-object";
import { BindingDetails } from "@/components/bindings/binding-details";
import { DeleteEntryButton } from "@/components/catalog/delete-entry-button";
import { DriftPanel } from "@/components/drift/drift-island";
import { ExchangePanel } from "@/components/exchange/exchange-island";
import { ExportCard } from "@/components/export/export-card";
import { SyncStateBadge } from "@/components/bindings/sync-state-badge";
import { FindingsList } from "@/components/catalog/findings-list";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { JsonBlock } from "@/components/ui/json-block";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { bindingOwned } from "@/lib/catalog/bindings/adopt-binding";
import { findBinding } from "@/lib/catalog/bindings/get-binding";
import { findWorkload } from "@/lib/catalog/workloads/get-workload";
import { cloudLabels } from "@/lib/clouds/registry";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { getTargetDrift } from "@/lib/sync/drift/get-target-drift";
import { renderAllExports } from "@/lib/sync/export/export-code";
import { loadBindingExport } from "@/lib/sync/export/load-export-source";
import { adoptBindingAction, deleteBindingAction } from "../../actions";
import { checkDriftNowAction } from "../../../targets/[id]/(detail)/drift-actions";
import { EntityHistory } from "@/components/audit/entity-history";

export const metadata: Metadata = { title: "Binding" };

export default async function BindingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("viewer");
  const binding = await findBinding((await params).id);
  if (!binding) notFound();
  const [workload, drift, exported, owned] = await Promise.all([
    findWorkload(binding.workload.id),
    getTargetDrift({ targetId: binding.target.id }),
    loadBindingExport(binding.id),
    bindingOwned(binding.id),
  ]);
  const saved = readSearchParam(await searchParams, "saved");
  const canEdit = hasRole(actor.role, "operator");
  const cloud = cloudLabels[binding.cloud];
  return (
    <>
      <PageHeader
        title={binding.name}
        description={
          <span className="flex flex-wrap gap-2">
            <Badge variant="outline">{cloud}</Badge>
            <SyncStateBadge state={binding.syncState} />
            <Badge variant="outline">
              {owned ? "Managed by Fedlens" : "Not managed by Fedlens"}
            </Badge>
          </span>
        }
        actions={
          canEdit ? (
            <>
              <Link
                href={`/bindings/${binding.id}/edit`}
                className={buttonVariants({ variant: "outline" })}
              >
                Edit
              </Link>
              {owned ? null : (
                <AdoptBindingButton
                  action={adoptBindingAction}
                  id={binding.id}
                  version={binding.version}
                />
              )}
              <DeleteEntryButton
                action={deleteBindingAction}
                id={binding.id}
                version={binding.version}
                name={binding.name}
                noun="binding"
              />
            </>
          ) : null
        }
      />
      {saved ? <Alert className="mb-4">Saved.</Alert> : null}
      <BindingChain
        issuer={workload?.issuer ?? null}
        workload={binding.workload}
        binding={binding}
        target={binding.target}
      />
      <div className="grid gap-6">
        <FindingsList findings={binding.warnings ?? []} />
        <p className="text-sm">
          <Link href={`/risks?bindingId=${binding.id}`} className="text-primary hover:underline">
            Risk findings for this binding, with severity, fix and acceptance
          </Link>
        </p>
        <Card>
          <CardTitle>As {cloud} holds it</CardTitle>
          <BindingCloudObject binding={binding} />
        </Card>
        <DriftPanel
          targetId={binding.target.id}
          bindingId={binding.id}
          initial={drift}
          checkAction={canEdit ? checkDriftNowAction : undefined}
        />
        <Card>
          <CardTitle>Try exchange</CardTitle>
          <ExchangePanel bindingId={binding.id} canExchange={canEdit} />
        </Card>
        <BindingDetails binding={binding} />
        <ExportCard
          what="binding"
          documents={renderAllExports(exported)}
          downloadPath={`/api/v1/bindings/${binding.id}/export`}
        />
        <Card>
          <CardTitle>Stored spec</CardTitle>
          <JsonBlock value={binding.spec} title="Spec" />
        </Card>
        <EntityHistory entityType="binding" entityId={binding.id} />
      </div>
    </>
  );
}
