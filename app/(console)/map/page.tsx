import type { Metadata } from "next";
import Link from "next/link";
import { MapExplorer } from "@/components/map/map-explorer";
import { MapFilters } from "@/components/map/map-filters";
import { MapLegend } from "@/components/map/map-legend";
import { mapTableParam } from "@/components/map/map-table-link";
import { ReachQueryForm } from "@/components/reach/reach-query-island";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { readSearchParam, readSearchParams, type SearchParams } from "@/lib/http/search-params";
import { parseFocus } from "@/lib/trust-map/graph-view-focus";
import { loadMapPage } from "@/lib/trust-map/graph-view-load";
import { ZGraphFilters } from "@/lib/trust-map/graph-view-types";

export const metadata: Metadata = { title: "Trust map" };

export default async function MapPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireRole("viewer");
  const raw = await searchParams;
  const values = readSearchParams(raw, ["cloud", "issuer", "target", "sync", "severity", "trust"]);
  const present = Object.fromEntries(Object.entries(values).filter(([, value]) => value));
  const filters = ZGraphFilters.safeParse(present);
  const { view, choices, isEmpty } = await loadMapPage({
    filters: filters.success ? filters.data : undefined,
  });
  const focus = [...parseFocus(readSearchParams(raw, ["focus"]).focus)];
  const isTableOpenAtFirst = readSearchParam(raw, mapTableParam) === "open";
  return (
    <>
      <PageHeader
        title="Trust map"
        description="Who can reach what: issuers, the workloads they sign for, and the cloud targets whose trusts accept them."
      />
      {isEmpty ? (
        <EmptyState
          title="Nothing to map yet"
          action={
            <Link href="/issuers/new" className={buttonVariants()}>
              Add an issuer
            </Link>
          }
        >
          The map draws your catalogue. Add the issuer your pipelines or clusters use, then its
          workloads, the cloud targets they reach and the bindings between them.
        </EmptyState>
      ) : (
        <div className="grid gap-4">
          <MapFilters choices={choices} values={values} />
          {!filters.success ? (
            <Alert variant="error">These filters are not valid; the whole map is shown.</Alert>
          ) : null}
          <MapLegend />
          <MapExplorer view={view} focusBindings={focus} isTableOpenAtFirst={isTableOpenAtFirst} />
          <details className="rounded-lg border bg-card p-4">
            <summary className="cursor-pointer font-medium">Who would this identity reach?</summary>
            <div className="mt-3">
              <ReachQueryForm />
            </div>
          </details>
        </div>
      )}
    </>
  );
}
