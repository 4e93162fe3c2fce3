import Link from "next/link";

/**
 * The bindings list links here narrowed to one binding: say which, and offer
 * the way back to every finding, since the filter form shows no such field.
 */
export function BindingScopeNote({
  binding,
  clearHref,
}: {
  binding: { id: string; name: string } | null;
  clearHref: string;
}) {
  return (
    <p className="mb-4 text-sm" role="status">
      {binding ? (
        <>
          Findings of the binding{" "}
          <Link href={`/bindings/${binding.id}`} className="font-medium underline">
            {binding.name}
          </Link>{" "}
          only.{" "}
        </>
      ) : (
        <>No binding has this id any more; it may have been deleted. </>
      )}
      <Link href={clearHref} className="text-primary underline">
        Show every binding&apos;s findings
      </Link>
    </p>
  );
}
