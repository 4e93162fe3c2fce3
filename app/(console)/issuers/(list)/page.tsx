import type { Metadata } from "next";
import Link from "next/link";
import { IssuerFilters } from "@/components/issuers/issuer-filters";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Table, Td, Th } from "@/components/ui/table";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { issuerKindTemplates } from "@/lib/catalog/issuer-kinds";
import { listIssuers } from "@/lib/catalog/issuers/list-issuers";
import { readSearchParam, readSearchParams, type SearchParams } from "@/lib/http/search-params";
import { ZIssuerListQuery } from "@/lib/schemas/issuer";

export const metadata: Metadata = { title: "Issuers" };

export default async function IssuersPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("viewer");
  const raw = await searchParams;
  const params = readSearchParams(raw, ["q", "kind", "cursor"]);
  const query = ZIssuerListQuery.safeParse(params);
  const page = query.success
    ? await listIssuers({ query: query.data })
    : { data: [], nextCursor: null };
  const canEdit = hasRole(actor.role, "operator");
  const filtered = Boolean(params.q || params.kind);
  const addButton = canEdit ? (
    <Link href="/issuers/new" className={buttonVariants()}>
      Add issuer
    </Link>
  ) : null;
  return (
    <>
      <PageHeader
        title="Issuers"
        description="OIDC issuers whose tokens your workloads present. The URL must match the token's iss exactly."
        actions={addButton}
      />
      {readSearchParam(raw, "deleted") ? <Alert className="mb-4">Issuer deleted.</Alert> : null}
      <IssuerFilters q={params.q} kind={params.kind} />
      {!query.success ? (
        <Alert variant="error">These filters are not valid; clear them and try again.</Alert>
      ) : page.data.length === 0 ? (
        filtered ? (
          <EmptyState title="No issuers match">
            Try another search, or clear the filters.
          </EmptyState>
        ) : (
          <EmptyState title="No issuers yet" action={addButton}>
            Start with the issuer your pipelines or clusters use, such as GitHub Actions or an AKS
            cluster.
          </EmptyState>
        )
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Kind</Th>
              <Th>Issuer URL</Th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((issuer) => (
              <tr key={issuer.id}>
                <Td>
                  <Link
                    href={`/issuers/${issuer.id}`}
                    className="font-medium text-primary hover:underline"
                  >
                    {issuer.name}
                  </Link>
                </Td>
                <Td>
                  <Badge>{issuerKindTemplates[issuer.kind].label}</Badge>
                </Td>
                <Td className="font-mono text-xs break-all">
                  {issuer.issuerUrl}
                  {issuer.warnings.length ? (
                    <Badge variant="warning" className="ml-2" title={issuer.warnings.join("\n")}>
                      {issuer.warnings.length} warning{issuer.warnings.length > 1 ? "s" : ""}
                    </Badge>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pager
        basePath="/issuers"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={Boolean(params.cursor)}
      />
    </>
  );
}
