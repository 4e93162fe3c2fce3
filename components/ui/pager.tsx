import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

/**
 * Keyset pages go forward only; "First page" resets. The current filters ride
 * along so paging never drops them.
 */
export function Pager({
  basePath,
  params,
  nextCursor,
  hasCursor,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  hasCursor: boolean;
}) {
  const query = (cursor?: string) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value && key !== "cursor") search.set(key, value);
    if (cursor) search.set("cursor", cursor);
    const text = search.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  if (!nextCursor && !hasCursor) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex justify-between">
      {hasCursor ? (
        <Link className={buttonVariants({ variant: "outline", size: "sm" })} href={query()}>
          ← First page
        </Link>
      ) : (
        <span />
      )}
      {nextCursor ? (
        <Link
          className={buttonVariants({ variant: "outline", size: "sm" })}
          href={query(nextCursor)}
          rel="next"
        >
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
