import type { Metadata } from "next";
import { IssuerForm } from "@/components/issuers/issuer-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { issuerKinds, issuerKindTemplates, type IssuerKind } from "@/lib/catalog/issuer-kinds";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { createIssuerAction } from "../actions";

export const metadata: Metadata = { title: "Add issuer" };

/** The kind whose fixed issuer this is, else the generic kind. */
function kindForUrl(url: string): IssuerKind {
  const match = issuerKinds.find((kind) => issuerKindTemplates[kind].defaultUrl === url);
  return match ?? "generic";
}

/** `?issuerUrl=` prefills the URL (the diagnose page links here for an uncatalogued iss). */
export default async function NewIssuerPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireRole("operator");
  const issuerUrl = readSearchParam(await searchParams, "issuerUrl")?.slice(0, 600);
  const kind = issuerUrl ? kindForUrl(issuerUrl) : "github-actions";
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
          kind,
          issuerUrl: issuerUrl ?? issuerKindTemplates["github-actions"].defaultUrl ?? "",
          jwksUri: "",
          jwks: "",
          notes: "",
        }}
      />
    </>
  );
}
