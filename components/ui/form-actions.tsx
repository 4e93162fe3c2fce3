import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";

/** The save and cancel pair every catalogue and settings form ends with; `pending` comes from its action state. */
export function FormActions({
  pending,
  submitLabel,
  cancelHref,
}: {
  pending: boolean;
  submitLabel: string;
  cancelHref: string;
}) {
  return (
    <div className="flex gap-3">
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
      <Link href={cancelHref} className={buttonVariants({ variant: "outline" })}>
        Cancel
      </Link>
    </div>
  );
}
