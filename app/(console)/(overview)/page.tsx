import type { Metadata } from "next";
import Link from "next/link";
import { CatalogueCounts } from "@/components/overview/catalogue-counts";
import { FindingsSummary } from "@/components/overview/findings-summary";
import { MapPreview } from "@/components/overview/map-preview";
import { RecentChanges } from "@/components/overview/recent-changes";
import { TrustsNeedingAttention } from "@/components/overview/trusts-needing-attention";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { listFindings } from "@/lib/risk/list-findings";
import { ZFindingListQuery } from "@/lib/schemas/risk";
import { getTrustOverview } from "@/lib/trust-map/reach-load";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requireRole("viewer");
  const [overview, recent, findings] = await Promise.all([
    getTrustOverview(),
    listAuditEvents({ actor, query: { limit: 5 } }),
    listFindings({ query: ZFindingListQuery.parse({ accepted: "false", limit: 5 }) }),
  ]);
  const header = (
    <PageHeader title="Overview" description="The trust between your workloads and your clouds." />
  );
  const catalogued =
    overview.issuers +
    overview.workloads +
    Object.values(overview.perCloud).reduce(
      (sum, cloud) => sum + cloud.targets + cloud.bindings,
      0,
    );
  if (catalogued === 0) {
    return (
      <>
        {header}
        <EmptyState
          title="Nothing catalogued yet"
          action={
            hasRole(actor.role, "operator") ? (
              <Link href="/issuers/new" className={buttonVariants()}>
                Add your first issuer
              </Link>
            ) : null
          }
        >
          Start with the issuer that signs your workloads&apos; tokens (GitHub Actions, a Kubernetes
          cluster, …); workloads, cloud targets and the trusts between them follow.
          {hasRole(actor.role, "operator") ? null : " Ask an operator to add one."}
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      <div className="grid gap-6 lg:grid-cols-2">
        <CatalogueCounts overview={overview} />
        <MapPreview edges={overview.edges} />
        <FindingsSummary page={findings} />
        <TrustsNeedingAttention attention={overview.attention} total={overview.attentionTotal} />
        <RecentChanges events={recent.data} />
      </div>
    </>
  );
}
