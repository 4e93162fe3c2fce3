import type { Metadata } from "next";
import Link from "next/link";
import { AcceptFindingForm } from "@/components/risk/accept-finding-form";
import { BindingScopeNote } from "@/components/risk/binding-scope-note";
import { FindingCard } from "@/components/risk/finding-card";
import { RiskFilters, type RiskFilterValues } from "@/components/risk/risk-filters";
import { SeverityCounts } from "@/components/risk/severity-counts";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { findBinding } from "@/lib/catalog/bindings/get-binding";
import { readSearchParam, readSearchParams, type SearchParams } from "@/lib/http/search-params";
import { listRegister } from "@/lib/risk/list-register";
import { ZFindingListQuery } from "@/lib/schemas/risk";
import { acceptFindingAction } from "./actions";

export const metadata: Metadata = { title: "Risks" };

const filterKeys = ["cloud", "severity", "rule", "accepted", "bindingId"] as const;

/** The register's URL with these filters, one changed or dropped. */
function risksHref(filters: RiskFilterValues, change: Partial<RiskFilterValues>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...change })) {
    if (value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `/risks?${text}` : "/risks";
}

/** Ninety days ahead: the form's suggested expiry. */
function defaultExpiry(): string {
  return new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
}

export default async function RisksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireRole("viewer");
  const raw = await searchParams;
  const filters: RiskFilterValues = readSearchParams(raw, filterKeys);
  const params = { ...filters, cursor: readSearchParam(raw, "cursor") };
  const query = ZFindingListQuery.safeParse(params);
  const canEdit = hasRole(actor.role, "operator");
  if (!query.success) {
    return (
      <>
        <PageHeader title="Risks" />
        <RiskFilters values={filters} />
        <Alert variant="error">These filters are not valid; clear them and try again.</Alert>
      </>
    );
  }
  const showOpen = query.data.accepted !== true;
  const acceptedOnly = query.data.accepted === true;
  const [{ open, accepted }, scopedBinding] = await Promise.all([
    listRegister({ query: query.data }),
    query.data.bindingId ? findBinding(query.data.bindingId) : null,
  ]);
  const expiry = defaultExpiry();
  const card = (finding: (typeof open.data)[number]) => (
    <li key={finding.id}>
      <FindingCard
        finding={finding}
        canEdit={canEdit}
        acceptForm={
          canEdit ? (
            <AcceptFindingForm
              action={acceptFindingAction}
              findingId={finding.id}
              defaultExpiry={expiry}
            />
          ) : undefined
        }
      />
    </li>
  );
  return (
    <>
      <PageHeader
        title="Risks"
        description="Trusts that admit more than the workload they were made for, across every cloud, each with the edit that narrows it."
      />
      <SeverityCounts
        counts={open.counts}
        accepted={open.accepted}
        hrefOf={(change) => risksHref(filters, change)}
      />
      <RiskFilters values={filters} />
      {query.data.bindingId ? (
        <BindingScopeNote
          binding={scopedBinding}
          clearHref={risksHref(filters, { bindingId: undefined })}
        />
      ) : null}
      {showOpen ? (
        <section aria-labelledby="open-findings" className="grid gap-3">
          <h2 id="open-findings" className="text-lg font-semibold">
            Open findings
          </h2>
          {open.data.length === 0 ? (
            <EmptyState title="No open findings">
              Nothing matches these filters. Clear them, or add bindings to check.
            </EmptyState>
          ) : (
            <ul className="grid gap-3">{open.data.map(card)}</ul>
          )}
          <Pager
            basePath="/risks"
            params={params}
            nextCursor={open.nextCursor}
            hasCursor={Boolean(params.cursor)}
          />
        </section>
      ) : null}
      {accepted ? (
        <section aria-labelledby="accepted-findings" className="mt-8 grid gap-3">
          <h2 id="accepted-findings" className="text-lg font-semibold">
            Accepted findings
          </h2>
          {accepted.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">No finding is accepted.</p>
          ) : (
            <ul className="grid gap-3">{accepted.data.map(card)}</ul>
          )}
          {acceptedOnly ? (
            <Pager
              basePath="/risks"
              params={params}
              nextCursor={accepted.nextCursor}
              hasCursor={Boolean(params.cursor)}
            />
          ) : accepted.nextCursor ? (
            <p className="text-sm">
              <Link className="underline" href={risksHref(filters, { accepted: "true" })}>
                Show all {open.accepted} accepted findings
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
