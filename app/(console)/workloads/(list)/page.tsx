import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Table, Td, Th } from "@/components/ui/table";
import { WorkloadFilters } from "@/components/workloads/workload-filters";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { listWorkloads } from "@/lib/catalog/workloads/list-workloads";
import { readSearchParam, readSearchParams, type SearchParams } from "@/lib/http/search-params";
import { ZWorkloadListQuery } from "@/lib/schemas/workload";
import { loadIssuerOptions } from "../issuer-options";

export const metadata: Metadata = { title: "Workloads" };

export default async function WorkloadsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("viewer");
  const raw = await searchParams;
  const params = readSearchParams(raw, ["q", "issuerId", "cursor"]);
  const query = ZWorkloadListQuery.safeParse(params);
  const [page, issuers] = await Promise.all([
    query.success ? listWorkloads({ query: query.data }) : { data: [], nextCursor: null },
    loadIssuerOptions(),
  ]);
  const canEdit = hasRole(actor.role, "operator");
  const filtered = Boolean(params.q || params.issuerId);
  const addButton = canEdit ? (
    <Link
      href={params.issuerId ? `/workloads/new?issuerId=${params.issuerId}` : "/workloads/new"}
      className={buttonVariants()}
    >
      Add workload
    </Link>
  ) : null;
  return (
    <>
      <PageHeader
        title="Workloads"
        description="Pipelines, clusters and services that present tokens, each with the exact sub its tokens carry."
        actions={addButton}
      />
      {readSearchParam(raw, "deleted") ? <Alert className="mb-4">Workload deleted.</Alert> : null}
      <WorkloadFilters q={params.q} issuerId={params.issuerId} issuers={issuers} />
      {!query.success ? (
        <Alert variant="error">These filters are not valid; clear them and try again.</Alert>
      ) : page.data.length === 0 ? (
        filtered ? (
          <EmptyState title="No workloads match">
            Try another search, or clear the filters.
          </EmptyState>
        ) : (
          <EmptyState title="No workloads yet" action={addButton}>
            Describe what presents tokens: a GitHub repository deploying to production, an AKS
            service account, a Terraform workspace.
          </EmptyState>
        )
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Issuer</Th>
              <Th>Subject</Th>
              <Th>Team</Th>
              <Th className="text-right">Bindings</Th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((workload) => (
              <tr key={workload.id}>
                <Td>
                  <Link
                    href={`/workloads/${workload.id}`}
                    className="font-medium text-primary hover:underline"
                  >
                    {workload.name}
                  </Link>
                </Td>
                <Td>
                  <Link href={`/issuers/${workload.issuer.id}`} className="hover:underline">
                    {workload.issuer.name}
                  </Link>
                </Td>
                <Td className="font-mono text-xs break-all">{workload.subject}</Td>
                <Td>{workload.team || "—"}</Td>
                <Td className="text-right tabular-nums">{workload.bindingCount}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pager
        basePath="/workloads"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={Boolean(params.cursor)}
      />
    </>
  );
}
