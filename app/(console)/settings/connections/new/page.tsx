import type { Metadata } from "next";
import { ConnectionForm } from "@/components/connections/connection-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { cloudLabels } from "@/lib/clouds/registry";
import { createConnectionAction } from "../actions";

export const metadata: Metadata = { title: "Add cloud connection" };

export default async function NewConnectionPage() {
  await requireRole("admin");
  return (
    <>
      <PageHeader
        title="Add cloud connection"
        description="How Fedlens signs in to one Azure tenant, AWS account or Google Cloud project. Give it read-only rights: it only reads trusts."
      />
      <ConnectionForm
        cloudLabels={cloudLabels}
        action={createConnectionAction}
        cancelHref="/settings/connections"
        submitLabel="Add connection"
        initial={{ cloud: "azure", authKind: "ambient", isSecretStored: false, fields: {} }}
      />
    </>
  );
}
