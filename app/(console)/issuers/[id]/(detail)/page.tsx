import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteEntryButton } from "@/components/catalog/delete-entry-button";
import { CheckKeysButton } from "@/components/diagnose/check-keys-button";
import { IssuerKeyHealth } from "@/components/diagnose/issuer-key-health";
import { PastedKeysCard } from "@/components/issuers/pasted-keys-card";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Timestamp } from "@/components/ui/timestamp";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { issuerKindTemplates } from "@/lib/catalog/issuer-kinds";
import { findIssuer } from "@/lib/catalog/issuers/get-issuer";
import { getIssuerKeyHealth } from "@/lib/catalog/issuers/get-issuer-key-health";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { checkIssuerKeysAction, deleteIssuerAction } from "../../actions";
import { EntityHistory } from "@/components/audit/entity-history";

export const metadata: Metadata = { title: "Issuer" };

export default async function IssuerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requireRole("viewer");
  const issuer = await findIssuer((await params).id);
  if (!issuer) notFound();
  const keyHealth = await getIssuerKeyHealth({ issuerId: issuer.id });
  const saved = readSearchParam(await searchParams, "saved");
  const canEdit = hasRole(actor.role, "operator");
  return (
    <>
      <PageHeader
        title={issuer.name}
        description={<Badge>{issuerKindTemplates[issuer.kind].label}</Badge>}
        actions={
          canEdit ? (
            <>
              <Link
                href={`/issuers/${issuer.id}/edit`}
                className={buttonVariants({ variant: "outline" })}
              >
                Edit
              </Link>
              <DeleteEntryButton
                action={deleteIssuerAction}
                id={issuer.id}
                version={issuer.version}
                name={issuer.name}
                noun="issuer"
              />
            </>
          ) : null
        }
      />
      {saved ? <Alert className="mb-4">Saved.</Alert> : null}
      {issuer.warnings.length ? (
        <Alert variant="warning" className="mb-4">
          <ul className="grid gap-1">
            {issuer.warnings.map((warning) => (
              <li key={warning}>⚠ {warning}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Card>
        <CardTitle>Details</CardTitle>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted-foreground">Issuer URL (iss)</dt>
          <dd className="font-mono break-all">{issuer.issuerUrl}</dd>
          <dt className="text-muted-foreground">JWKS</dt>
          <dd className="font-mono break-all">
            {issuer.jwks
              ? `pasted: ${issuer.jwks.keys.length} ${issuer.jwks.keys.length === 1 ? "key" : "keys"}, never fetched`
              : (issuer.jwksUri ?? "from the discovery document")}
          </dd>
          <dt className="text-muted-foreground">Notes</dt>
          <dd className="whitespace-pre-wrap">{issuer.notes || "—"}</dd>
          <dt className="text-muted-foreground">Created</dt>
          <dd>
            <Timestamp iso={issuer.createdAt} />
          </dd>
          <dt className="text-muted-foreground">Updated</dt>
          <dd>
            <Timestamp iso={issuer.updatedAt} /> (version {issuer.version})
          </dd>
        </dl>
      </Card>
      <div className="mt-6">
        {issuer.jwks ? (
          <PastedKeysCard keys={issuer.jwks.keys} />
        ) : (
          <IssuerKeyHealth
            health={keyHealth}
            jwksOverride={issuer.jwksUri}
            checkButton={
              canEdit ? (
                <CheckKeysButton action={checkIssuerKeysAction} issuerId={issuer.id} />
              ) : null
            }
          />
        )}
      </div>
      <div className="mt-6">
        <EntityHistory entityType="issuer" entityId={issuer.id} />
      </div>
    </>
  );
}
