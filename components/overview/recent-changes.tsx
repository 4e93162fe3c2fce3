import Link from "next/link";
import { actionWords } from "@/components/audit/action-words";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Timestamp } from "@/components/ui/timestamp";
import { entityHref } from "@/lib/audit/audit-actions";
import type { TAuditEvent } from "@/lib/schemas/audit";
import { cn } from "@/lib/utils";

export function RecentChanges({ events }: { events: TAuditEvent[] }) {
  return (
    <Card aria-labelledby="recent-title">
      <CardTitle id="recent-title">Recent changes</CardTitle>
      {events.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>
      ) : (
        <ul className="grid gap-2 text-sm">
          {events.map((event) => {
            // A deleted entity has no page left to open.
            const href = event.action.endsWith(".delete")
              ? null
              : entityHref(event.entity.type, event.entity.id);
            return (
              <li key={event.seq} className="flex justify-between gap-4">
                <span>
                  {href ? (
                    <Link href={href} className="text-primary hover:underline">
                      {actionWords(event.action)}
                    </Link>
                  ) : (
                    actionWords(event.action)
                  )}{" "}
                  by {event.actor.label}
                </span>
                <Timestamp iso={event.occurredAt} className="text-muted-foreground" />
              </li>
            );
          })}
        </ul>
      )}
      <Link
        href="/audit"
        className={cn(buttonVariants({ variant: "link", size: "sm" }), "mt-2 px-0")}
      >
        Full audit trail →
      </Link>
    </Card>
  );
}
