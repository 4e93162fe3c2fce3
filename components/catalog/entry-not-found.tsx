import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** The not-found state of a catalogue entry's pages. */
export function EntryNotFound({
  noun,
  listHref,
  listLabel,
}: {
  noun: string;
  listHref: string;
  listLabel: string;
}) {
  return (
    <EmptyState
      title={`No such ${noun}`}
      action={
        <Link href={listHref} className={buttonVariants({ variant: "outline" })}>
          {listLabel}
        </Link>
      }
    >
      It may have been deleted; the audit trail has its history.
    </EmptyState>
  );
}
