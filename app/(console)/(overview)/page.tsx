import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Timestamp } from "@/components/ui/timestamp";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { countIssuers } from "@/lib/catalog/issuers/count-issuers";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requireRole("viewer");
  const [issuerCount, recent] = await Promise.all([
    countIssuers(),
    listAuditEvents({ actor, query: { limit: 5 } }),
  ]);
  return (
    <>
      <PageHeader
        title="Overview"
        description="The trust between your workloads and your clouds."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle>Catalogue</CardTitle>
          <p className="text-3xl font-semibold">{issuerCount}</p>
          <p className="mb-4 text-sm text-muted-foreground">issuers catalogued</p>
          <div className="flex gap-2">
            <Link href="/issuers" className={buttonVariants({ variant: "outline", size: "sm" })}>
              Browse issuers
            </Link>
            {hasRole(actor.role, "operator") ? (
              <Link href="/issuers/new" className={buttonVariants({ size: "sm" })}>
                Add issuer
              </Link>
            ) : null}
          </div>
        </Card>
        <Card>
          <CardTitle>Recent changes</CardTitle>
          {recent.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>
          ) : (
            <ul className="grid gap-2 text-sm">
              {recent.data.map((event) => (
                <li key={event.seq} className="flex justify-between gap-4">
                  <span>
                    <code className="font-mono text-xs">{event.action}</code> by {event.actor.label}
                  </span>
                  <Timestamp iso={event.occurredAt} className="text-muted-foreground" />
                </li>
              ))}
            </ul>
          )}
          <Link
            href="/audit"
            className={cn(buttonVariants({ variant: "link", size: "sm" }), "mt-2 px-0")}
          >
            Full audit trail →
          </Link>
        </Card>
      </div>
    </>
  );
}
