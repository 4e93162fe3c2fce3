import Link from "next/link";
import type { ReactNode } from "react";
import { BindingTable } from "@/components/bindings/binding-table";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { TBinding } from "@/lib/schemas/binding";

/**
 * The bindings section of a workload's or a target's page: the first page of
 * its bindings, a way to add one, and a link to the rest in the bindings list.
 */
export function RelatedBindings({
  of,
  id,
  bindings,
  hasMore,
  canEdit,
  empty,
}: {
  /** Whose bindings these are; the table leaves that column out. */
  of: "workload" | "target";
  id: string;
  bindings: TBinding[];
  hasMore: boolean;
  canEdit: boolean;
  empty: ReactNode;
}) {
  const filter = `${of}Id=${id}`;
  return (
    <section aria-labelledby="bindings-heading" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="bindings-heading" className="text-lg font-semibold">
          Bindings
        </h2>
        {canEdit ? (
          <Link
            href={`/bindings/new?${filter}`}
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            Add binding
          </Link>
        ) : null}
      </div>
      {bindings.length ? (
        <BindingTable bindings={bindings} omit={of} />
      ) : (
        <EmptyState title="No bindings yet">{empty}</EmptyState>
      )}
      {hasMore ? (
        <Link href={`/bindings?${filter}`} className="text-sm text-primary hover:underline">
          All bindings of this {of} →
        </Link>
      ) : null}
    </section>
  );
}
