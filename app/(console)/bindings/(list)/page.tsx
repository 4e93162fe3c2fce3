import type { Metadata } from "next";
import Link from "next/link";
import { BindingFilters, type BindingFilterValues } from "@/components/bindings/binding-filters";
import { BindingTable } from "@/components/bindings/binding-table";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { listBindings } from "@/lib/catalog/bindings/list-bindings";
import { cloudLabels } from "@/lib/clouds/registry";
import { readSearchParam, readSearchParams, type SearchParams } from "@/lib/http/search-params";
import { bindingsAtRisk, openFindingsByBinding } from "@/lib/risk/binding-risk-summary";
import { ZBindingListQuery } from "@/lib/schemas/binding";
import { ZSeverity, type BindingRisk } from "@/lib/schemas/risk";
import { issuerOptions, targetOptions, workloadOptions } from "../load-options";

export const metadata: Metadata = { title: "Bindings" };

const filterKeys = [
  "q",
  "cloud",
  "issuerId",
  "workloadId",
  "targetId",
  "syncState",
  "risk",
] as const;

export default async function BindingsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("viewer");
  const raw = await searchParams;
  const filters: BindingFilterValues = readSearchParams(raw, filterKeys);
  const params = { ...filters, cursor: readSearchParam(raw, "cursor") };
  const { risk: riskParam, ...listParams } = params;
  const query = ZBindingListQuery.safeParse(listParams);
  const risk = ZSeverity.optional().safeParse(riskParam || undefined);
  // The findings filter needs every binding's findings; the column only the page's.
  const allRisks = risk.success && risk.data ? await openFindingsByBinding() : undefined;
  const ids = allRisks && risk.data ? bindingsAtRisk(allRisks, risk.data) : undefined;
  const [page, issuers, workloads, targets] = await Promise.all([
    query.success && risk.success
      ? listBindings({ query: query.data, ids })
      : { data: [], nextCursor: null },
    issuerOptions(),
    workloadOptions(),
    targetOptions(),
  ]);
  const risks =
    allRisks ??
    (page.data.length > 0
      ? await openFindingsByBinding({
          targetIds: [...new Set(page.data.map((binding) => binding.target.id))],
        })
      : new Map<string, BindingRisk>());
  const canEdit = hasRole(actor.role, "operator");
  const filtered = Object.values(filters).some(Boolean);
  // Filtering by a workload or target carries it into the new binding.
  const prefill = new URLSearchParams(
    Object.entries({ workloadId: filters.workloadId, targetId: filters.targetId }).filter(
      (entry): entry is [string, string] => Boolean(entry[1]),
    ),
  ).toString();
  const addButton = canEdit ? (
    <Link href={`/bindings/new${prefill ? `?${prefill}` : ""}`} className={buttonVariants()}>
      Add binding
    </Link>
  ) : null;
  return (
    <>
      <PageHeader
        title="Bindings"
        description="Each binding is one trust in a cloud's own terms: a federated credential, a trust-policy statement or an IAM grant."
        actions={addButton}
      />
      {readSearchParam(raw, "deleted") ? <Alert className="mb-4">Binding deleted.</Alert> : null}
      <BindingFilters
        values={filters}
        issuers={issuers.map((issuer) => ({ value: issuer.id, label: issuer.name }))}
        workloads={workloads.map((workload) => ({ value: workload.id, label: workload.name }))}
        targets={targets.map((target) => ({
          value: target.id,
          label: `${target.name} (${cloudLabels[target.cloud]})`,
        }))}
      />
      {!query.success || !risk.success ? (
        <Alert variant="error">These filters are not valid; clear them and try again.</Alert>
      ) : page.data.length === 0 ? (
        filtered ? (
          <EmptyState title="No bindings match" action={addButton}>
            Try another search, or clear the filters.
          </EmptyState>
        ) : (
          <EmptyState title="No bindings yet" action={addButton}>
            A binding lets a workload&apos;s tokens into a cloud target: pick the workload and the
            target, and Fedlens proposes the credential, statement or grant.
          </EmptyState>
        )
      ) : (
        <BindingTable bindings={page.data} risks={risks} />
      )}
      <Pager
        basePath="/bindings"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={Boolean(params.cursor)}
      />
    </>
  );
}
