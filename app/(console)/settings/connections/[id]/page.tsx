import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteEntryButton } from "@/components/catalog/delete-entry-button";
import { ConnectionForm } from "@/components/connections/connection-form";
import { connectionFormValues } from "@/components/connections/connection-form-values";
import { authSummary, scopeSummary } from "@/components/connections/connection-labels";
import { ConnectionTestResult } from "@/components/connections/connection-test-result";
import { ReplaceSecretForm } from "@/components/connections/replace-secret-form";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { listTargets } from "@/lib/catalog/targets/list-targets";
import { cloudLabels } from "@/lib/clouds/registry";
import { findConnection } from "@/lib/connections/get-connection";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import {
  deleteConnectionAction,
  replaceConnectionSecretAction,
  testConnectionAction,
  updateConnectionAction,
} from "../actions";

export const metadata: Metadata = { title: "Cloud connection" };

export default async function ConnectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await requireRole("admin");
  const connection = await findConnection((await params).id);
  if (!connection) notFound();
  const targets = await listTargets({ query: { connectionId: connection.id, limit: 100 } });
  const saved = readSearchParam(await searchParams, "saved");
  const secret = connection.auth.kind === "secret" ? connection.auth : null;
  return (
    <>
      <PageHeader
        title={connection.name}
        description={
          <span className="flex flex-wrap gap-2">
            <Badge variant="outline">{cloudLabels[connection.cloud]}</Badge>
            {connection.sandbox ? <Badge variant="warning">Sandbox</Badge> : null}
            <span>{scopeSummary(connection)}</span>
            <span>· {authSummary(connection)}</span>
          </span>
        }
        actions={
          <DeleteEntryButton
            action={deleteConnectionAction}
            id={connection.id}
            version={connection.version}
            name={connection.name}
            noun="connection"
            note={
              connection.targetCount
                ? "Targets that use it must be linked to another connection, or to none, first."
                : undefined
            }
          />
        }
      />
      {saved ? <Alert className="mb-4">Saved.</Alert> : null}
      <div className="grid gap-6">
        <Card>
          <CardTitle>Test</CardTitle>
          <div className="grid gap-4">
            <ConnectionTestResult cloud={connection.cloud} lastTest={connection.lastTest} />
            <TestConnectionButton action={testConnectionAction} id={connection.id} />
          </div>
        </Card>
        <Card>
          <CardTitle>Import</CardTitle>
          <p className="text-sm">
            <Link className="underline" href={`/connections/${connection.id}/import`}>
              Import the trusts this connection can read
            </Link>{" "}
            into the catalogue, after reviewing them.
          </p>
        </Card>
        <Card>
          <CardTitle>Targets using it</CardTitle>
          {targets.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No target uses this connection yet. Pick it in a target&apos;s settings.
            </p>
          ) : (
            <ul className="grid gap-1 text-sm">
              {targets.data.map((target) => (
                <li key={target.id}>
                  <Link href={`/targets/${target.id}`} className="text-primary hover:underline">
                    {target.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardTitle>Secret</CardTitle>
          <ReplaceSecretForm
            action={replaceConnectionSecretAction}
            id={connection.id}
            cloud={connection.cloud}
            identity={secret?.identity ?? null}
            replacedAt={secret?.replacedAt ?? null}
          />
        </Card>
        <Card>
          <CardTitle>Settings</CardTitle>
          <ConnectionForm
            cloudLabels={cloudLabels}
            action={updateConnectionAction}
            cancelHref="/settings/connections"
            submitLabel="Save changes"
            initial={connectionFormValues(connection)}
          />
          <Link
            href={`/audit?entityType=connection&entityId=${connection.id}`}
            className="mt-4 inline-block text-sm text-primary hover:underline"
          >
            History in the audit trail →
          </Link>
        </Card>
      </div>
    </>
  );
}
