import Link from "next/link";
import { ReachTable } from "@/components/reach/reach-table";
import { Card, CardTitle } from "@/components/ui/card";
import { getWorkloadReach } from "@/lib/trust-map/reach-load";

/** "What this reaches": every target whose trust accepts the workload's token, whoever the binding was made for. */
export async function WorkloadReach({ workloadId }: { workloadId: string }) {
  const reach = await getWorkloadReach({ workloadId });
  return (
    <Card aria-labelledby="reach-title">
      <CardTitle id="reach-title">What this reaches</CardTitle>
      <p className="mb-3 text-sm text-muted-foreground">
        Every target whose trust would accept this workload&apos;s token, as its issuer would sign
        it, including through bindings made for other workloads.{" "}
        <Link href="/map" className="text-primary hover:underline">
          Open the trust map
        </Link>
      </p>
      {reach.edges.length === 0 ? (
        <p className="text-sm text-muted-foreground">This workload reaches no catalogued target.</p>
      ) : (
        <ReachTable entries={reach.edges} show="target" label="Targets this workload reaches" />
      )}
    </Card>
  );
}
