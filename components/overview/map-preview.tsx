import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import type { TrustOverview } from "@/lib/trust-map/reach-overview";
import { cn } from "@/lib/utils";
import { mapPreviewRows } from "@/components/overview/map-preview-words";

/** The trust map in numbers: its edges by kind, linking to the map itself. */
export function MapPreview({ edges }: { edges: TrustOverview["edges"] }) {
  return (
    <Card aria-labelledby="map-preview-title">
      <CardTitle id="map-preview-title">Trust map</CardTitle>
      <p className="mb-3 text-sm text-muted-foreground">
        Who reaches what, judged on the tokens each workload&apos;s issuer would sign.
      </p>
      <ul className="grid gap-1 text-sm">
        {mapPreviewRows.map((row) => (
          <li key={row.key}>
            <span className="font-semibold tabular-nums">{edges[row.key]}</span>{" "}
            {edges[row.key] === 1 ? row.one : row.many}
          </li>
        ))}
      </ul>
      <Link
        href="/map"
        className={cn(buttonVariants({ variant: "link", size: "sm" }), "mt-2 px-0")}
      >
        Open the trust map →
      </Link>
    </Card>
  );
}
