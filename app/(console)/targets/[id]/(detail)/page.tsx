import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FindingsList } from "@/components/catalog/findings-list";
import { bindingsMustGoFirst } from "@/components/catalog/bindings-must-go-first";
import { DeleteEntryButton } from "@/components/catalog/delete-entry-button";
import { DriftPanel } from "@/components/drift/drift-island";
import { ExportCard } from "@/components/export/export-card";
import { FicCapacity } from "@/components/targets/fic-capacity";
import { RelatedBindings } from "@/components/bindings/related-bindings";
import { TargetReach } from "@/components/reach/target-reach";
import { TargetConfigList } from "@/components/targets/target-config-list";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { Timestamp } from "@/components/ui/timestamp";
import { displayCloudId } from "@/components/targets/cloud-id";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { listBindings } from "@/lib/catalog/bindings/list-bindings";
import { findTarget } from "@/lib/catalog/targets/get-target";
import { cloudLabels, targetKindInfo } from "@/lib/clouds/registry";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { getTargetDrift } from "@/lib/sync/drift/get-target-drift";
import { renderAllExports } from "@/lib/sync/export/export-code";
import { loadTargetExport } from "@/lib/sync/export/load-export-source";
import { deleteTargetAction } from "../../actions";
import { checkDriftNowAction } from "./drift-actions";
import { EntityHistory } from "@/components/audit/entity-history";

export const metadata: Metadata = { title: "Cloud target" };

export default async function TargetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("viewer");
  const target = await findTarget((await params).id);
  if (!target) notFound();
  const [bindings, drift, exported] = await Promise.all([
    listBindings({ query: { targetId: target.id, limit: 100 } }),
    getTargetDrift({ targetId: target.id }),
    loadTargetExport(target.id),
  ]);
  const saved = readSearchParam(await searchParams, "saved");
  const canEdit = hasRole(actor.role, "operator");
  return (
    <>
      <PageHeader
        title={target.name}
        description={
          <span className="flex flex-wrap gap-2">
            <Badge variant="outline">{cloudLabels[target.cloud]}</Badge>
            <Badge>{targetKindInfo(target.kind).label}</Badge>
          </span>
        }
        actions={
          canEdit ? (
            <>
              <Link
                href={`/targets/${target.id}/edit`}
                className={buttonVariants({ variant: "outline" })}
              >
                Edit
              </Link>
              <DeleteEntryButton
                action={deleteTargetAction}
                id={target.id}
                version={target.version}
                name={target.name}
                noun="target"
                note={bindingsMustGoFirst(target.bindingCount)}
              />
            </>
          ) : null
        }
      />
      {saved ? <Alert className="mb-4">Saved.</Alert> : null}
      <div className="grid gap-6">
        <FindingsList findings={target.warnings} />
        <Card>
          <CardTitle>In the cloud</CardTitle>
          <dl className="mb-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-muted-foreground">Cloud id</dt>
            <dd className="flex flex-wrap items-start gap-3">
              <code className="font-mono break-all">{displayCloudId(target)}</code>
              <CopyButton text={displayCloudId(target)} label="Copy cloud id" />
            </dd>
            <dt className="text-muted-foreground">Cloud connection</dt>
            <dd className="flex flex-wrap items-center gap-2">
              {target.connection ? (
                <>
                  {hasRole(actor.role, "admin") ? (
                    <Link
                      href={`/settings/connections/${target.connection.id}`}
                      className="text-primary hover:underline"
                    >
                      {target.connection.name}
                    </Link>
                  ) : (
                    <span>{target.connection.name}</span>
                  )}
                  {target.connection.sandbox ? <Badge variant="outline">Sandbox</Badge> : null}
                </>
              ) : (
                <span className="text-muted-foreground">
                  None: Fedlens keeps this target in its catalogue only and does not read it from
                  the cloud.
                </span>
              )}
            </dd>
          </dl>
          <TargetConfigList target={target} />
          {target.cloud === "azure" ? (
            <div className="mt-4">
              <FicCapacity used={target.bindingCount} />
            </div>
          ) : null}
        </Card>
        <DriftPanel
          targetId={target.id}
          initial={drift}
          checkAction={canEdit ? checkDriftNowAction : undefined}
        />
        <Card>
          <CardTitle>Record</CardTitle>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-muted-foreground">Created</dt>
            <dd>
              <Timestamp iso={target.createdAt} />
            </dd>
            <dt className="text-muted-foreground">Updated</dt>
            <dd>
              <Timestamp iso={target.updatedAt} /> (version {target.version})
            </dd>
          </dl>
        </Card>
        <RelatedBindings
          of="target"
          id={target.id}
          bindings={bindings.data}
          hasMore={Boolean(bindings.nextCursor)}
          canEdit={canEdit}
          empty={<>This target trusts no workload through Fedlens yet.</>}
        />
        <TargetReach targetId={target.id} />
        <ExportCard
          what="target"
          documents={renderAllExports(exported)}
          downloadPath={`/api/v1/targets/${target.id}/export`}
        />
        <EntityHistory entityType="target" entityId={target.id} />
      </div>
    </>
  );
}
