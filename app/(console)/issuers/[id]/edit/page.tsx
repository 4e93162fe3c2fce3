import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IssuerForm } from "@/components/issuers/issuer-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { findIssuer } from "@/lib/catalog/issuers/get-issuer";
import { updateIssuerAction } from "../../actions";

export const metadata: Metadata = { title: "Edit issuer" };

export default async function EditIssuerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("operator");
  const issuer = await findIssuer((await params).id);
  if (!issuer) notFound();
  return (
    <>
      <PageHeader title={`Edit ${issuer.name}`} />
      <IssuerForm
        action={updateIssuerAction}
        cancelHref={`/issuers/${issuer.id}`}
        submitLabel="Save changes"
        initial={{
          id: issuer.id,
          version: issuer.version,
          name: issuer.name,
          kind: issuer.kind,
          issuerUrl: issuer.issuerUrl,
          jwksUri: issuer.jwksUri ?? "",
          jwks: issuer.jwks ? JSON.stringify(issuer.jwks, null, 2) : "",
          notes: issuer.notes,
          keyWarnings: issuer.keyWarnings,
        }}
      />
    </>
  );
}
