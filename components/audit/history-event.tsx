import { actionWords } from "@/components/audit/action-words";
import { AuditDiff } from "@/components/audit/audit-diff";
import { Badge } from "@/components/ui/badge";
import { Timestamp } from "@/components/ui/timestamp";
import type { TAuditEvent } from "@/lib/schemas/audit";

/** One event of an entity's history: who did what when, and the fields it changed. */
export function HistoryEvent({ event, open }: { event: TAuditEvent; open: boolean }) {
  return (
    <li className="grid gap-2 border-b py-3 last:border-b-0">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-medium">{actionWords(event.action)}</span>
        <span>
          {event.actor.label}
          {event.actor.role ? (
            <Badge variant="outline" className="ml-2">
              {event.actor.role}
            </Badge>
          ) : null}
        </span>
        <Timestamp iso={event.occurredAt} className="text-xs text-muted-foreground" />
        <span className="font-mono text-xs text-muted-foreground">#{event.seq}</span>
      </div>
      <details open={open}>
        <summary className="cursor-pointer text-xs text-primary">Before / after</summary>
        <div className="mt-2 grid gap-2">
          <AuditDiff before={event.before} after={event.after} />
          <p className="font-mono text-[0.7rem] text-muted-foreground">
            request {event.requestId} · hash {event.hash.slice(0, 16)}…
          </p>
        </div>
      </details>
    </li>
  );
}
