import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function TargetNotFound() {
  return (
    <EmptyState
      title="No such target"
      action={
        <Link href="/targets" className={buttonVariants({ variant: "outline" })}>
          All targets
        </Link>
      }
    >
      It may have been deleted; the audit trail has its history.
    </EmptyState>
  );
}
