import type { Metadata } from "next";
import Link from "next/link";
import { TargetFilters } from "@/components/targets/target-filters";
import { scopeLabels, targetKindCards } from "@/components/targets/target-kinds";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Table, Td, Th } from "@/components/ui/table";
import { displayCloudId } from "@/components/targets/cloud-id";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { listTargets } from "@/lib/catalog/targets/list-targets";
import { cloudLabels, targetKindInfo } from "@/lib/clouds/registry";
import { readSearchParam, readSearchParams, type SearchParams } from "@/lib/http/search-params";
import { ZTargetListQuery } from "@/lib/schemas/target";

export const metadata: Metadata = { title: "Cloud targets" };

export default async function TargetsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("viewer");
  const raw = await searchParams;
  const params = readSearchParams(raw, ["q", "cloud", "kind", "cursor"]);
  const query = ZTargetListQuery.safeParse(params);
  const page = query.success
    ? await listTargets({ query: query.data })
    : { data: [], nextCursor: null };
  const canEdit = hasRole(actor.role, "operator");
  const filtered = Boolean(params.q || params.cloud || params.kind);
  const addButton = canEdit ? (
    <Link href="/targets/new" className={buttonVariants()}>
      Add target
    </Link>
  ) : null;
  return (
    <>
      <PageHeader
        title="Cloud targets"
        description="Where trust lives: Azure identities, AWS roles and GCP workload identity providers."
        actions={addButton}
      />
      {readSearchParam(raw, "deleted") ? <Alert className="mb-4">Target deleted.</Alert> : null}
      <TargetFilters q={params.q} cloud={params.cloud} kind={params.kind} />
      {!query.success ? (
        <Alert variant="error">These filters are not valid; clear them and try again.</Alert>
      ) : page.data.length === 0 ? (
        filtered ? (
          <EmptyState title="No targets match">
            Try another search, or clear the filters.
          </EmptyState>
        ) : (
          <EmptyState title="No cloud targets yet" action={addButton}>
            Add the managed identity, IAM role or workload identity provider your workloads should
            reach.
          </EmptyState>
        )
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Cloud</Th>
              <Th>Kind</Th>
              <Th>Scope</Th>
              <Th>Cloud id</Th>
              <Th className="text-right">Bindings</Th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((target) => (
              <tr key={target.id}>
                <Td className="whitespace-nowrap">
                  <Link
                    href={`/targets/${target.id}`}
                    className="font-medium text-primary hover:underline"
                  >
                    {target.name}
                  </Link>
                </Td>
                <Td>
                  <Badge variant="outline">{cloudLabels[target.cloud]}</Badge>
                </Td>
                <Td className="whitespace-nowrap" title={targetKindInfo(target.kind).label}>
                  {targetKindCards[target.kind].short}
                </Td>
                <Td className="max-w-56">
                  <span className="block truncate" title={target.scope}>
                    <span className="text-xs text-muted-foreground">
                      {scopeLabels[target.cloud]}{" "}
                    </span>
                    <span className="font-mono text-xs">{target.scope}</span>
                  </span>
                </Td>
                <Td className="max-w-64">
                  <span className="block truncate font-mono text-xs" title={displayCloudId(target)}>
                    {displayCloudId(target)}
                  </span>
                </Td>
                <Td className="text-right tabular-nums">{target.bindingCount}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pager
        basePath="/targets"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={Boolean(params.cursor)}
      />
    </>
  );
}
