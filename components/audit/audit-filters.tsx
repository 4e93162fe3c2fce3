import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { auditActions, auditEntityTypes } from "@/lib/audit/audit-actions";

export type AuditFilterValues = {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
};

export function AuditFilters({
  values,
  actors,
}: {
  values: AuditFilterValues;
  actors: { id: string; email: string }[] | null;
}) {
  const active = Object.values(values).some(Boolean);
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      {actors ? (
        <div className="grid gap-1">
          <Label htmlFor="actorId">Actor</Label>
          <Select id="actorId" name="actorId" defaultValue={values.actorId ?? ""} className="w-56">
            <option value="">Anyone</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.email}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="grid gap-1">
        <Label htmlFor="action">Action</Label>
        <Select id="action" name="action" defaultValue={values.action ?? ""} className="w-48">
          <option value="">Any action</option>
          {auditActions.map((action) => (
            <option key={action}>{action}</option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="entityType">Entity</Label>
        <Select
          id="entityType"
          name="entityType"
          defaultValue={values.entityType ?? ""}
          className="w-36"
        >
          <option value="">Any</option>
          {auditEntityTypes.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="entityId">Entity id</Label>
        <Input
          id="entityId"
          name="entityId"
          defaultValue={values.entityId}
          className="w-72 font-mono text-xs"
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="from">From (UTC)</Label>
        <Input id="from" name="from" type="datetime-local" defaultValue={values.from} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="to">To (UTC)</Label>
        <Input id="to" name="to" type="datetime-local" defaultValue={values.to} />
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {active ? (
        <Link href="/audit" className={buttonVariants({ variant: "ghost" })}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
