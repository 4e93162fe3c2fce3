import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { WorkloadForm } from "@/components/workloads/workload-form";
import { requireRole } from "@/lib/auth/current-actor";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { createWorkloadAction } from "../actions";
import { loadIssuerOptions } from "../issuer-options";

export const metadata: Metadata = { title: "Add workload" };

export default async function NewWorkloadPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireRole("operator");
  const [issuers, raw] = await Promise.all([loadIssuerOptions(), searchParams]);
  const issuerId = readSearchParam(raw, "issuerId");
  const preset = issuers.find((issuer) => issuer.id === issuerId);
  return (
    <>
      <PageHeader
        title="Add workload"
        description="Something that presents tokens, described by the sub its tokens carry."
      />
      {issuers.length === 0 ? (
        <EmptyState
          title="Add an issuer first"
          action={
            <Link href="/issuers/new" className={buttonVariants()}>
              Add issuer
            </Link>
          }
        >
          A workload&apos;s subject is described in its issuer&apos;s terms.
        </EmptyState>
      ) : (
        <WorkloadForm
          action={createWorkloadAction}
          issuers={issuers}
          cancelHref="/workloads"
          submitLabel="Add workload"
          initial={{
            name: "",
            issuerId: preset?.id ?? (issuers.length === 1 ? (issuers[0]?.id ?? "") : ""),
            team: "",
            description: "",
          }}
        />
      )}
    </>
  );
}
