import type { Metadata } from "next";
import Link from "next/link";
import { authSummary, scopeSummary } from "@/components/connections/connection-labels";
import { ConnectionTestBadge } from "@/components/connections/connection-test-result";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireRole } from "@/lib/auth/current-actor";
import { cloudLabels } from "@/lib/clouds/registry";
import { listConnections } from "@/lib/connections/list-connections";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Cloud connections" };

export default async function ConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("admin");
  const connections = await listConnections({ actor });
  const addButton = (
    <Link href="/settings/connections/new" className={buttonVariants()}>
      Add connection
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Cloud connections"
        description="How Fedlens itself reaches each cloud's management API, to read what trusts exist there."
        actions={addButton}
      />
      {readSearchParam(await searchParams, "deleted") ? (
        <Alert className="mb-4">Connection deleted.</Alert>
      ) : null}
      {connections.length === 0 ? (
        <EmptyState title="No cloud connections yet" action={addButton}>
          A connection tells Fedlens how to sign in to an Azure tenant, an AWS account or a Google
          Cloud project, with read-only rights, so it can import the trusts that already exist and
          notice when the cloud drifts from the catalogue. Without one, targets stay in the
          catalogue only. Fedlens can sign in with the identity of the place it runs (no secret
          stored), or with a secret you give it, stored encrypted and never shown again.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Cloud</Th>
              <Th>Reaches</Th>
              <Th>Signs in with</Th>
              <Th>Last test</Th>
              <Th className="text-right">Targets</Th>
            </tr>
          </thead>
          <tbody>
            {connections.map((connection) => (
              <tr key={connection.id}>
                <Td className="whitespace-nowrap">
                  <Link
                    href={`/settings/connections/${connection.id}`}
                    className="font-medium text-primary hover:underline"
                  >
                    {connection.name}
                  </Link>{" "}
                  {connection.sandbox ? <Badge variant="warning">Sandbox</Badge> : null}
                </Td>
                <Td>
                  <Badge variant="outline">{cloudLabels[connection.cloud]}</Badge>
                </Td>
                <Td className="text-xs">{scopeSummary(connection)}</Td>
                <Td className="text-xs">{authSummary(connection)}</Td>
                <Td className="text-xs">
                  <ConnectionTestBadge lastTest={connection.lastTest} />
                </Td>
                <Td className="text-right tabular-nums">{connection.targetCount}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
