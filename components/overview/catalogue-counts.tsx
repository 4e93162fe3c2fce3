import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { clouds, cloudLabels } from "@/lib/clouds/cloud-labels";
import type { TrustOverview } from "@/lib/trust-map/reach-overview";

/** Issuers and workloads, and targets and bindings per cloud. */
export function CatalogueCounts({ overview }: { overview: TrustOverview }) {
  return (
    <Card aria-labelledby="counts-title">
      <CardTitle id="counts-title">Catalogue</CardTitle>
      <dl className="mb-4 grid grid-cols-2 gap-4">
        <div>
          <dt className="text-sm text-muted-foreground">
            <Link href="/issuers" className="hover:underline">
              Issuers
            </Link>
          </dt>
          <dd className="text-3xl font-semibold">{overview.issuers}</dd>
        </div>
        <div>
          <dt className="text-sm text-muted-foreground">
            <Link href="/workloads" className="hover:underline">
              Workloads
            </Link>
          </dt>
          <dd className="text-3xl font-semibold">{overview.workloads}</dd>
        </div>
      </dl>
      <Table aria-label="Targets and bindings per cloud">
        <thead>
          <tr>
            <Th scope="col">Cloud</Th>
            <Th scope="col">Targets</Th>
            <Th scope="col">Bindings</Th>
          </tr>
        </thead>
        <tbody>
          {clouds.map((cloud) => (
            <tr key={cloud}>
              <Th scope="row">{cloudLabels[cloud]}</Th>
              <Td>{overview.perCloud[cloud].targets}</Td>
              <Td>{overview.perCloud[cloud].bindings}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
