import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="mx-auto grid max-w-md gap-4 px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-muted-foreground">
        Your role does not include this page. An admin can change your role.
      </p>
      <Link href="/" className={buttonVariants({ variant: "outline" })}>
        Back to the console
      </Link>
    </main>
  );
}
