import type { Metadata } from "next";
import Link from "next/link";
import { AuditPrivilegeWarning } from "@/components/admin/audit-privilege-warning";
import { AuditDiff } from "@/components/audit/audit-diff";
import { AuditExportLinks } from "@/components/audit/audit-export-links";
import { AuditFilters } from "@/components/audit/audit-filters";
import { VerifyChainIsland } from "@/components/audit/verify-chain-island";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Table, Td, Th } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";
import { entityHref } from "@/lib/audit/audit-actions";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { listUserChoices } from "@/lib/auth/users/list-user-choices";
import { readSearchParams, type SearchParams } from "@/lib/http/search-params";
import { ZAuditQuery } from "@/lib/schemas/audit";

export const metadata: Metadata = { title: "Audit trail" };

const filterKeys = ["actorId", "action", "entityType", "entityId", "from", "to", "cursor"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireRole("viewer");
  const params = readSearchParams(await searchParams, filterKeys);
  const query = ZAuditQuery.safeParse(params);
  const seesAll = hasRole(actor.role, "operator");
  const [page, actors] = await Promise.all([
    query.success ? listAuditEvents({ actor, query: query.data }) : { data: [], nextCursor: null },
    seesAll ? listUserChoices() : null,
  ]);
  return (
    <>
      <PageHeader
        title="Audit trail"
        description={
          seesAll
            ? "Every change, hash-chained and append-only. Newest first."
            : "Your own actions. Operators and admins see everyone's."
        }
      />
      <AuditPrivilegeWarning role={actor.role} />
      <AuditFilters values={params} actors={actors} />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        {query.success ? <AuditExportLinks values={params} /> : <span />}
        {hasRole(actor.role, "admin") ? <VerifyChainIsland /> : null}
      </div>
      {!query.success ? (
        <Alert variant="error">These filters are not valid; clear them and try again.</Alert>
      ) : page.data.length === 0 ? (
        <EmptyState title="No events">Nothing matches these filters.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>#</Th>
              <Th>When</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Entity</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((event) => {
              const href = entityHref(event.entity.type, event.entity.id);
              return (
                <tr key={event.seq}>
                  <Td className="font-mono text-xs">{event.seq}</Td>
                  <Td className="text-xs whitespace-nowrap">
                    <Timestamp iso={event.occurredAt} />
                  </Td>
                  <Td>
                    {event.actor.label}
                    {event.actor.role ? (
                      <Badge variant="outline" className="ml-2">
                        {event.actor.role}
                      </Badge>
                    ) : null}
                  </Td>
                  <Td>
                    <code className="font-mono text-xs">{event.action}</code>
                  </Td>
                  <Td className="text-xs">
                    {event.entity.type}{" "}
                    {href ? (
                      <Link href={href} className="font-mono text-primary hover:underline">
                        {event.entity.id?.slice(0, 8)}
                      </Link>
                    ) : (
                      <span className="font-mono">{event.entity.id?.slice(0, 8)}</span>
                    )}
                  </Td>
                  <Td className="min-w-80">
                    <details>
                      <summary className="cursor-pointer text-xs text-primary">
                        Before / after
                      </summary>
                      <div className="mt-2 grid gap-2">
                        <AuditDiff before={event.before} after={event.after} />
                        <p className="font-mono text-[0.7rem] text-muted-foreground">
                          request {event.requestId} · hash {event.hash.slice(0, 16)}…
                        </p>
                      </div>
                    </details>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <Pager
        basePath="/audit"
        params={params}
        nextCursor={page.nextCursor}
        hasCursor={Boolean(params.cursor)}
      />
    </>
  );
}
