import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { issuerKinds, issuerKindTemplates } from "@/lib/catalog/issuer-kinds";

/** A plain GET form: filters live in the URL, so results can be shared and bookmarked. */
export function IssuerFilters({ q, kind }: { q?: string; kind?: string }) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="grid gap-1">
        <Label htmlFor="q">Search</Label>
        <Input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Name or URL"
          className="w-64"
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="kind">Kind</Label>
        <Select id="kind" name="kind" defaultValue={kind ?? ""} className="w-52">
          <option value="">All kinds</option>
          {issuerKinds.map((value) => (
            <option key={value} value={value}>
              {issuerKindTemplates[value].label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {q || kind ? (
        <Link href="/issuers" className={buttonVariants({ variant: "ghost" })}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
