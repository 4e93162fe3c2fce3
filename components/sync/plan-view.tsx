import Link from "next/link";
import { CloudErrorDetails } from "@/components/drift/cloud-error-details";
import { PlanOperation } from "@/components/sync/plan-operation";
import { EmptyState } from "@/components/ui/empty-state";
import { cloudLabels } from "@/lib/clouds/cloud-labels";
import type { TSyncPlan } from "@/lib/sync/plan/plan-dto";

function SummaryLine({ plan }: { plan: TSyncPlan }) {
  const { summary } = plan;
  const parts = [
    `${summary.create} to create`,
    `${summary.update} to update`,
    `${summary.delete} to delete`,
    `${summary.unchanged} in sync`,
    `${summary.skipped} skipped`,
    `${summary.refused} refused`,
  ];
  return <p className="text-sm">{parts.join(" · ")}</p>;
}

/** A plan grouped by target: what would change, what is refused, what is left alone. */
export function PlanView({ plan }: { plan: TSyncPlan }) {
  const unread = plan.targets.filter((target) => target.reason);
  const nothing =
    plan.summary.pending + plan.summary.refused + plan.summary.skipped === 0 && !unread.length;
  return (
    <div className="grid gap-6">
      <SummaryLine plan={plan} />
      {nothing ? (
        <EmptyState title="Everything is in sync">
          The clouds hold exactly what the catalogue describes for {plan.targets.length}{" "}
          {plan.targets.length === 1 ? "target" : "targets"}.
        </EmptyState>
      ) : null}
      {plan.targets.map((target) => {
        const operations = plan.operations.data.filter(
          (operation) => operation.targetId === target.id && operation.status !== "unchanged",
        );
        if (!target.reason && !operations.length && !target.leftAlone.length) return null;
        return (
          <section key={target.id} aria-labelledby={`target-${target.id}`} className="grid gap-3">
            <h2 id={`target-${target.id}`} className="font-medium">
              <Link className="underline" href={`/targets/${target.id}`}>
                {target.name}
              </Link>{" "}
              <span className="text-sm text-muted-foreground">({cloudLabels[target.cloud]})</span>
            </h2>
            {target.reason ? <p className="text-sm">{target.reason}</p> : null}
            {target.error ? <CloudErrorDetails error={target.error} /> : null}
            {operations.length ? (
              <ul className="grid gap-3">
                {operations.map((operation) => (
                  <PlanOperation key={operation.id} operation={operation} />
                ))}
              </ul>
            ) : null}
            {target.leftAlone.length ? (
              <details className="text-sm">
                <summary>
                  {target.leftAlone.length} cloud{" "}
                  {target.leftAlone.length === 1 ? "object is" : "objects are"} not Fedlens&apos;s,
                  left alone
                </summary>
                <ul className="mt-2 grid gap-1">
                  {target.leftAlone.map((object) => (
                    <li key={object.key}>
                      <code className="font-mono break-all">{object.key}</code>:{" "}
                      {object.description}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
