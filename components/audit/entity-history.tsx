import Link from "next/link";
import { HistoryEvent } from "@/components/audit/history-event";
import { HistoryMoreIsland } from "@/components/audit/history-more-island";
import { Card, CardTitle } from "@/components/ui/card";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";

type EntityType = "issuer" | "workload" | "target" | "binding";

const historyPageSize = 10;

/**
 * An entity's audit events, newest first, with what each changed. It lists
 * through the audit trail's own query, so a viewer sees only their actions
 * here too (SECURITY.md 3.3).
 */
export async function EntityHistory({
  entityType,
  entityId,
}: {
  entityType: EntityType;
  entityId: string;
}) {
  const actor = await requireRole("viewer");
  const page = await listAuditEvents({
    actor,
    query: { entityType, entityId, limit: historyPageSize },
  });
  const seesAll = hasRole(actor.role, "operator");
  return (
    <Card aria-labelledby={`history-${entityId}`}>
      <CardTitle id={`history-${entityId}`}>History</CardTitle>
      <p className="mb-2 text-sm text-muted-foreground">
        {seesAll
          ? `Every change to this ${entityType}, newest first, from the audit trail.`
          : `Your own actions on this ${entityType}; operators and admins see everyone's.`}{" "}
        <Link
          href={`/audit?entityType=${entityType}&entityId=${entityId}`}
          className="text-primary hover:underline"
        >
          Open in the audit trail
        </Link>
      </p>
      {page.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">No events recorded.</p>
      ) : (
        <div className="grid gap-3">
          <ol aria-label={`History of this ${entityType}`} className="grid">
            {page.data.map((event, index) => (
              <HistoryEvent key={event.seq} event={event} open={index === 0} />
            ))}
          </ol>
          {page.nextCursor ? (
            <HistoryMoreIsland
              entityType={entityType}
              entityId={entityId}
              after={page.nextCursor}
              pageSize={historyPageSize}
            />
          ) : null}
        </div>
      )}
    </Card>
  );
}
