import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { IssuerOption } from "@/components/workloads/workload-form";

/** A plain GET form: filters live in the URL, so results can be shared and bookmarked. */
export function WorkloadFilters({
  q,
  issuerId,
  issuers,
}: {
  q?: string;
  issuerId?: string;
  issuers: IssuerOption[];
}) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="grid gap-1">
        <Label htmlFor="q">Search</Label>
        <Input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Name or subject"
          className="w-64"
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="issuerId">Issuer</Label>
        <Select id="issuerId" name="issuerId" defaultValue={issuerId ?? ""} className="w-60">
          <option value="">All issuers</option>
          {issuers.map((issuer) => (
            <option key={issuer.id} value={issuer.id}>
              {issuer.name}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {q || issuerId ? (
        <Link href="/workloads" className={buttonVariants({ variant: "ghost" })}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
