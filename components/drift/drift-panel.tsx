"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { BindingDriftList } from "@/components/drift/binding-drift-list";
import { CloudErrorDetails } from "@/components/drift/cloud-error-details";
import { DriftCheckButton } from "@/components/drift/drift-check-button";
import { UnmanagedList } from "@/components/drift/unmanaged-list";
import { Alert } from "@/components/ui/alert";
import { Card, CardTitle } from "@/components/ui/card";
import { Timestamp } from "@/components/ui/timestamp";
import { useDriftCheckQueued, useTargetDrift } from "@/lib/hooks/use-target-drift";
import type { ActionState } from "@/lib/http/action-state";
import type { TTargetDrift } from "@/lib/schemas/drift";

export type DriftPanelProps = {
  targetId: string;
  initial: TTargetDrift;
  /** The "Check now" server action; absent for viewers. */
  checkAction?: (state: ActionState, form: FormData) => Promise<ActionState>;
  /** On a binding's page: only that binding, and no unmanaged list. */
  bindingId?: string;
};

/** The cloud's side of a target: the last check, a check in progress, the result per binding. */
export function DriftPanel({ targetId, initial, checkAction, bindingId }: DriftPanelProps) {
  const { data: report = initial } = useTargetDrift(targetId, initial);
  const onQueued = useDriftCheckQueued(targetId);
  const router = useRouter();
  const wasChecking = useRef(report.checking);
  useEffect(() => {
    // The page's own badges were rendered before the check: refresh them once it ends.
    if (wasChecking.current && !report.checking) router.refresh();
    wasChecking.current = report.checking;
  }, [report.checking, router]);
  const bindings = bindingId
    ? report.bindings.filter((binding) => binding.id === bindingId)
    : report.bindings;
  return (
    <Card>
      <CardTitle>Compared with the cloud</CardTitle>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <p className="text-sm" aria-live="polite">
          {report.checking ? (
            "A check is queued or running…"
          ) : report.checkedAt ? (
            <>
              Last checked <Timestamp iso={report.checkedAt} />.
            </>
          ) : report.connectionId ? (
            "Not checked yet."
          ) : (
            "This target has no cloud connection, so Fedlens does not compare it; its bindings stay pending."
          )}
        </p>
        {checkAction && report.connectionId ? (
          <DriftCheckButton
            action={checkAction}
            targetId={targetId}
            checking={report.checking}
            onQueued={onQueued}
          />
        ) : null}
      </div>
      <div className="grid gap-4">
        {report.read === "unreadable" && report.error ? (
          <Alert variant="warning" className="grid gap-2">
            <p>Fedlens could not read this target, so its bindings are unknown (not missing).</p>
            <CloudErrorDetails error={report.error} />
          </Alert>
        ) : null}
        {report.read === "missing" ? (
          <Alert variant="error">The target itself was not found in the cloud.</Alert>
        ) : null}
        <BindingDriftList bindings={bindings} showNames={!bindingId} />
        {bindingId ? null : (
          <UnmanagedList
            unmanaged={report.unmanaged}
            foreign={report.foreign}
            importHref={report.importHref}
          />
        )}
      </div>
    </Card>
  );
}
