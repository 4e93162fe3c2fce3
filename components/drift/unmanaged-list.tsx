import Link from "next/link";
import { JsonBlock } from "@/components/ui/json-block";
import type { TTargetDrift } from "@/lib/schemas/drift";

/** The cloud's trust objects on this target that no binding describes. */
export function UnmanagedList({
  unmanaged,
  foreign,
  importHref,
}: Pick<TTargetDrift, "unmanaged" | "foreign" | "importHref">) {
  if (unmanaged.length === 0 && foreign.length === 0) return null;
  return (
    <section className="grid gap-3" aria-labelledby="unmanaged-heading">
      <h3 id="unmanaged-heading" className="font-medium">
        In the cloud, not in Fedlens ({unmanaged.length + foreign.length})
      </h3>
      {unmanaged.length > 0 ? (
        <p className="text-sm text-muted-foreground">
          Fedlens never changes or deletes these.{" "}
          {importHref ? (
            <Link href={importHref} className="text-primary hover:underline">
              Import them from the connection →
            </Link>
          ) : null}
        </p>
      ) : null}
      {unmanaged.map((object) => (
        <JsonBlock key={object.key} value={object.cloudObject} title={object.key} />
      ))}
      {foreign.map((object) => (
        <div key={object.key} className="grid gap-1">
          <p className="text-sm">{object.description}</p>
          <JsonBlock value={object.cloudObject} title={object.key} />
        </div>
      ))}
    </section>
  );
}
