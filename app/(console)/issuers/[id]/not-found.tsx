import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function IssuerNotFound() {
  return (
    <EmptyState
      title="No such issuer"
      action={
        <Link href="/issuers" className={buttonVariants({ variant: "outline" })}>
          All issuers
        </Link>
      }
    >
      It may have been deleted; the audit trail has its history.
    </EmptyState>
  );
}
