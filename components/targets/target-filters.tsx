import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { cloudLabels, clouds, targetKindInfo, targetKinds } from "@/lib/clouds/registry";

/** A plain GET form: filters live in the URL, so results can be shared and bookmarked. */
export function TargetFilters({ q, cloud, kind }: { q?: string; cloud?: string; kind?: string }) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="grid gap-1">
        <Label htmlFor="q">Search</Label>
        <Input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Name, ARN or resource id"
          className="w-64"
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="cloud">Cloud</Label>
        <Select id="cloud" name="cloud" defaultValue={cloud ?? ""} className="w-36">
          <option value="">All clouds</option>
          {clouds.map((value) => (
            <option key={value} value={value}>
              {cloudLabels[value]}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="kind">Kind</Label>
        <Select id="kind" name="kind" defaultValue={kind ?? ""} className="w-72">
          <option value="">All kinds</option>
          {targetKinds.map((value) => (
            <option key={value} value={value}>
              {targetKindInfo(value).label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {q || cloud || kind ? (
        <Link href="/targets" className={buttonVariants({ variant: "ghost" })}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
