import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function WorkloadNotFound() {
  return (
    <EmptyState
      title="No such workload"
      action={
        <Link href="/workloads" className={buttonVariants({ variant: "outline" })}>
          All workloads
        </Link>
      }
    >
      It may have been deleted; the audit trail has its history.
    </EmptyState>
  );
}
