import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PlanExportLinks } from "@/components/sync/plan-export-links";
import { PlanView } from "@/components/sync/plan-view";
import { PageHeader } from "@/components/ui/page-header";
import { Timestamp } from "@/components/ui/timestamp";
import { ApplyControls } from "@/app/(console)/sync/sync-islands";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { getSyncPlan } from "@/lib/sync/plan/get-sync-plan";

export const metadata: Metadata = { title: "Sync plan" };

export default async function SyncPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const actor = await requireRole("viewer");
  const [{ id }, { cursor }] = await Promise.all([params, searchParams]);
  const start = Number(cursor);
  const plan = await getSyncPlan({
    actor,
    planId: id,
    query: { limit: 500, cursor: Number.isInteger(start) && start >= 0 ? start : undefined },
  }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const next = plan.operations.meta.nextCursor;
  return (
    <>
      <PageHeader
        title="Sync plan"
        description={
          <>
            Read <Timestamp iso={plan.createdAt} />.{" "}
            <Link className="underline" href="/sync">
              Plan again
            </Link>
          </>
        }
      />
      <ApplyControls
        plan={{
          id: plan.id,
          status: plan.status,
          progress: plan.progress,
          approvedBy: plan.approvedBy,
          approvedAt: plan.approvedAt,
          finishedAt: plan.finishedAt,
        }}
        canApply={hasRole(actor.role, "operator")}
      />
      {plan.summary.pending > 0 ? (
        <PlanExportLinks
          planId={plan.id}
          clouds={[...new Set(plan.targets.map((target) => target.cloud))]}
        />
      ) : null}
      <PlanView plan={plan} />
      {next ? (
        <Link className="mt-6 inline-block underline" href={`/sync/${id}?cursor=${next}`}>
          Next changes
        </Link>
      ) : null}
    </>
  );
}
