"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ApiError } from "@/lib/api-client";
import { useApplySyncPlan, useSyncPlanStatus } from "@/lib/hooks/use-sync-apply";
import type { TSyncPlan } from "@/lib/sync/plan/plan-dto";

type Props = {
  plan: Pick<TSyncPlan, "id" | "status" | "progress" | "approvedBy" | "approvedAt" | "finishedAt">;
  canApply: boolean;
};

function countLine(progress: TSyncPlan["progress"]): string {
  const parts = [
    progress.applied ? `${progress.applied} applied` : null,
    progress.unchanged ? `${progress.unchanged} already in sync` : null,
    progress.failed ? `${progress.failed} failed` : null,
    progress.pending + progress.applying ? `${progress.pending + progress.applying} to go` : null,
  ];
  return parts.filter(Boolean).join(", ");
}

const statusText: Record<TSyncPlan["status"], string> = {
  draft: "Not applied yet. Nothing has been written to the clouds.",
  approved: "Approved.",
  applying: "Applying…",
  applied: "Applied: the clouds hold these changes, and their bindings are in sync.",
  failed: "Applied with failures.",
  stale: "This plan is out of date: the catalogue or the cloud changed since it was made.",
};

/** A draft with nothing to write says so; an approval on its way says that, not "not applied". */
function statusLine(status: TSyncPlan["status"], pending: number, isStarting: boolean): string {
  if (isStarting) return "Starting: Fedlens checks the catalogue and the clouds again first…";
  if (status === "draft" && pending === 0) return "Nothing to apply in this plan.";
  return statusText[status];
}

/** The plan's apply: the button, the live counts while a worker writes, and retry of failures. */
export function ApplyControls({ plan: initial, canApply }: Props) {
  const router = useRouter();
  const { data: plan, dataUpdatedAt } = useSyncPlanStatus(initial);
  const apply = useApplySyncPlan(initial.id);
  // From the click until the counts are read again after the approval, so
  // the button cannot be pressed twice in between.
  const isStarting = apply.isPending || (apply.isSuccess && dataUpdatedAt < apply.submittedAt);
  const { progress, status } = plan;
  const done = progress.applied + progress.unchanged + progress.failed;
  const total = done + progress.pending + progress.applying;
  // The operations below are rendered on the server: refresh them as the counts move.
  const seen = useRef(JSON.stringify([status, progress]));
  useEffect(() => {
    const now = JSON.stringify([status, progress]);
    if (now === seen.current) return;
    seen.current = now;
    router.refresh();
  }, [status, progress, router]);
  const error = apply.error instanceof ApiError ? apply.error : null;
  return (
    <section aria-labelledby="apply-heading" className="grid gap-3 rounded-lg border bg-card p-4">
      <h2 id="apply-heading" className="font-medium">
        Apply
      </h2>
      <p role="status" aria-live="polite" className="text-sm">
        {statusLine(status, progress.pending, isStarting)}{" "}
        {status !== "draft" && total ? countLine(progress) + "." : null}
        {plan.approvedBy && status !== "draft" ? ` Approved by ${plan.approvedBy}.` : null}
        {!canApply && status === "draft" && progress.pending > 0
          ? " Applying needs the operator role."
          : null}
      </p>
      {status === "applying" && total ? (
        <progress className="w-full" max={total} value={done} aria-label="Changes written" />
      ) : null}
      {error ? (
        <Alert variant="error">
          {error.detail}{" "}
          {error.extensions.reason === "stale" ? (
            <Link className="underline" href="/sync">
              Plan again
            </Link>
          ) : null}
        </Alert>
      ) : null}
      {canApply && status === "draft" && progress.pending > 0 && !isStarting ? (
        <div>
          <ConfirmDialog
            triggerLabel={`Apply ${progress.pending} ${progress.pending === 1 ? "change" : "changes"}`}
            triggerVariant="default"
            title="Write these changes to the clouds?"
            description="Fedlens reads the catalogue and the clouds again first and stops if anything changed since this plan. Only objects Fedlens owns are changed."
            confirmLabel="Apply"
            confirmVariant="default"
            onConfirm={() => apply.mutate("pending")}
          />
        </div>
      ) : null}
      {canApply && status === "failed" && progress.failed > 0 && !isStarting ? (
        <div>
          <ConfirmDialog
            triggerLabel={`Retry ${progress.failed} failed`}
            triggerVariant="default"
            title="Retry the failed changes?"
            description="Only the changes that failed are tried again; the applied ones are left as they are."
            confirmLabel="Retry"
            confirmVariant="default"
            onConfirm={() => apply.mutate("failed")}
          />
        </div>
      ) : null}
    </section>
  );
}
