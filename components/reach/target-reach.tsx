import Link from "next/link";
import { ReachTable } from "@/components/reach/reach-table";
import { Card, CardTitle } from "@/components/ui/card";
import { cloudLabels } from "@/lib/clouds/cloud-labels";
import { getTargetReach } from "@/lib/trust-map/reach-load";

/** "Who can reach this": the workloads the target's bindings admit, and what their patterns leave open. */
export async function TargetReach({ targetId }: { targetId: string }) {
  const reach = await getTargetReach({ targetId });
  return (
    <Card aria-labelledby="reach-title">
      <CardTitle id="reach-title">Who can reach this</CardTitle>
      <p className="mb-3 text-sm text-muted-foreground">
        The catalogued workloads whose tokens this target&apos;s trust would accept, judged on the
        tokens their issuers would sign, including workloads its bindings were not made for.{" "}
        <Link href="/map" className="text-primary hover:underline">
          Open the trust map
        </Link>
      </p>
      {reach.edges.length === 0 ? (
        <p className="text-sm text-muted-foreground">No catalogued workload reaches this target.</p>
      ) : (
        <ReachTable
          entries={reach.edges}
          show="workload"
          label="Workloads that reach this target"
        />
      )}
      {reach.open.length > 0 ? (
        <div className="mt-4">
          <h3 className="mb-2 text-sm font-semibold">And beyond the catalogue</h3>
          <ul className="grid gap-1 text-sm">
            {reach.open.map((open) => (
              <li key={open.binding.id}>
                <Link
                  href={`/bindings/${open.binding.id}`}
                  className="text-primary hover:underline"
                >
                  {open.binding.name}
                </Link>{" "}
                ({cloudLabels[open.cloud]}) admits {open.admits}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
