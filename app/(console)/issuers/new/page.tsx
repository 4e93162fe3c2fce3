import type { Metadata } from "next";
import { IssuerForm } from "@/components/issuers/issuer-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { issuerKindTemplates } from "@/lib/catalog/issuer-kinds";
import { createIssuerAction } from "../actions";

export const metadata: Metadata = { title: "Add issuer" };

export default async function NewIssuerPage() {
  await requireRole("operator");
  return (
    <>
      <PageHeader
        title="Add issuer"
        description="An OIDC issuer whose tokens your workloads present to the clouds."
      />
      <IssuerForm
        action={createIssuerAction}
        cancelHref="/issuers"
        submitLabel="Add issuer"
        initial={{
          name: "",
          kind: "github-actions",
          issuerUrl: issuerKindTemplates["github-actions"].defaultUrl ?? "",
          jwksUri: "",
          notes: "",
        }}
      />
    </>
  );
}
