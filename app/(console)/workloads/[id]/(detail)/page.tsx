import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { Timestamp } from "@/components/ui/timestamp";
import { bindingsMustGoFirst } from "@/components/catalog/bindings-must-go-first";
import { DeleteEntryButton } from "@/components/catalog/delete-entry-button";
import { RelatedBindings } from "@/components/bindings/related-bindings";
import { WorkloadReach } from "@/components/reach/workload-reach";
import { SampleTokenCard } from "@/components/sandbox/sample-token-card";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { listBindings } from "@/lib/catalog/bindings/list-bindings";
import { issuerKindTemplates } from "@/lib/catalog/issuer-kinds";
import { findWorkload } from "@/lib/catalog/workloads/get-workload";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { sampleTokenOffer } from "@/lib/sandbox/sample-token-offer";
import { deleteWorkloadAction } from "../../actions";
import { EntityHistory } from "@/components/audit/entity-history";

export const metadata: Metadata = { title: "Workload" };

export default async function WorkloadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("viewer");
  const workload = await findWorkload((await params).id);
  if (!workload) notFound();
  const bindings = await listBindings({ query: { workloadId: workload.id, limit: 100 } });
  const saved = readSearchParam(await searchParams, "saved");
  const canEdit = hasRole(actor.role, "operator");
  const sampleToken = canEdit ? await sampleTokenOffer(workload, bindings.data) : null;
  return (
    <>
      <PageHeader
        title={workload.name}
        description={<Badge>{issuerKindTemplates[workload.issuer.kind].label}</Badge>}
        actions={
          canEdit ? (
            <>
              <Link
                href={`/workloads/${workload.id}/edit`}
                className={buttonVariants({ variant: "outline" })}
              >
                Edit
              </Link>
              <DeleteEntryButton
                action={deleteWorkloadAction}
                id={workload.id}
                version={workload.version}
                name={workload.name}
                noun="workload"
                note={bindingsMustGoFirst(workload.bindingCount)}
              />
            </>
          ) : null
        }
      />
      {saved ? <Alert className="mb-4">Saved.</Alert> : null}
      <div className="grid gap-6">
        <Card>
          <CardTitle>Details</CardTitle>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-muted-foreground">Issuer</dt>
            <dd>
              <Link
                href={`/issuers/${workload.issuer.id}`}
                className="text-primary hover:underline"
              >
                {workload.issuer.name}
              </Link>{" "}
              <span className="font-mono text-xs break-all text-muted-foreground">
                {workload.issuer.issuerUrl}
              </span>
            </dd>
            <dt className="text-muted-foreground">Subject (sub)</dt>
            <dd className="flex flex-wrap items-start gap-3">
              <code className="font-mono break-all">{workload.subject}</code>
              <CopyButton text={workload.subject} label="Copy subject" />
            </dd>
            <dt className="text-muted-foreground">Team</dt>
            <dd>{workload.team || "—"}</dd>
            <dt className="text-muted-foreground">Description</dt>
            <dd className="whitespace-pre-wrap">{workload.description || "—"}</dd>
            <dt className="text-muted-foreground">Created</dt>
            <dd>
              <Timestamp iso={workload.createdAt} />
            </dd>
            <dt className="text-muted-foreground">Updated</dt>
            <dd>
              <Timestamp iso={workload.updatedAt} /> (version {workload.version})
            </dd>
          </dl>
        </Card>
        <RelatedBindings
          of="workload"
          id={workload.id}
          bindings={bindings.data}
          hasMore={Boolean(bindings.nextCursor)}
          canEdit={canEdit}
          empty={<>No cloud trusts this workload&apos;s tokens through Fedlens yet.</>}
        />
        <WorkloadReach workloadId={workload.id} />
        {sampleToken ? <SampleTokenCard workloadId={workload.id} bindings={sampleToken} /> : null}
        <EntityHistory entityType="workload" entityId={workload.id} />
      </div>
    </>
  );
}
