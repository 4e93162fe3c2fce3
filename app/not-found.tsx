import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto grid max-w-md gap-4 px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-muted-foreground">There is nothing at this address, or it was deleted.</p>
      <Link href="/" className={buttonVariants({ variant: "outline" })}>
        Back to the console
      </Link>
    </main>
  );
}
