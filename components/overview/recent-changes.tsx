import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Timestamp } from "@/components/ui/timestamp";
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
          {events.map((event) => (
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
  );
}
