import type { Metadata } from "next";
import Link from "next/link";
import { TargetForm } from "@/components/targets/target-form";
import { TargetKindPicker } from "@/components/targets/target-kind-picker";
import { targetKindCards } from "@/components/targets/target-kinds";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { targetKindInfo, targetKinds } from "@/lib/clouds/registry";
import { listConnectionOptions } from "@/lib/connections/list-connections";
import type { TargetKind } from "@/lib/clouds/types";
import { readSearchParam, type SearchParams } from "@/lib/http/search-params";
import { loadIssuerOptions } from "../../workloads/issuer-options";
import { createTargetAction } from "../actions";

export const metadata: Metadata = { title: "Add cloud target" };

function isKind(value: unknown): value is TargetKind {
  return (targetKinds as readonly unknown[]).includes(value);
}

export default async function NewTargetPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireRole("operator");
  const kind = readSearchParam(await searchParams, "kind");
  if (!isKind(kind)) {
    return (
      <>
        <PageHeader
          title="Add cloud target"
          description="Which cloud object should trust your workloads' tokens?"
        />
        <TargetKindPicker />
      </>
    );
  }
  const issuers = kind === "gcp-provider" ? await loadIssuerOptions() : [];
  const connections = await listConnectionOptions(targetKindInfo(kind).cloud);
  return (
    <>
      <PageHeader
        title={`Add ${targetKindCards[kind].title}`}
        description={
          <>
            {targetKindCards[kind].summary}{" "}
            <Link href="/targets/new" className="text-primary hover:underline">
              Choose another kind
            </Link>
          </>
        }
      />
      <TargetForm
        action={createTargetAction}
        kind={kind}
        issuers={issuers}
        connections={connections}
        initial={{ name: "" }}
        cancelHref="/targets"
        submitLabel="Add target"
      />
    </>
  );
}
