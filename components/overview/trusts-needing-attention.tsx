import Link from "next/link";
import { attentionTableHref } from "@/components/map/map-table-link";
import { ReachTable } from "@/components/reach/reach-table";
import { Card, CardTitle } from "@/components/ui/card";
import type { TrustOverview } from "@/lib/trust-map/reach-overview";

/** Declared trusts the cloud would refuse, and trusts whose answer Fedlens cannot decide. */
export function TrustsNeedingAttention({
  attention,
  total,
}: {
  attention: TrustOverview["attention"];
  total: number;
}) {
  return (
    <Card aria-labelledby="attention-title" className="lg:col-span-2">
      <CardTitle id="attention-title">Broken and undecided trusts</CardTitle>
      {total === 0 ? (
        <p className="text-sm text-muted-foreground">
          Every declared trust accepts the token its workload&apos;s issuer would sign.
        </p>
      ) : (
        <>
          <ReachTable entries={attention} show="workload" label="Broken and undecided trusts" />
          {total > attention.length ? (
            <p className="mt-2 text-sm text-muted-foreground">
              Showing {attention.length} of {total}.{" "}
              <Link className="text-primary hover:underline" href={attentionTableHref}>
                See them all in the map&apos;s table
              </Link>
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}
