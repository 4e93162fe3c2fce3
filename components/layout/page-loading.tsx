import { Skeleton } from "@/components/ui/skeleton";

/**
 * What a console segment shows while its page loads (loading.tsx): the
 * page's outline, announced once to screen readers, so a slow page never
 * leaves the previous one up without a sign that something is happening.
 */
export function PageLoading({ what }: { what: string }) {
  return (
    <div role="status" aria-live="polite" className="grid gap-4">
      <Skeleton className="h-8 w-56 max-w-full" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <Skeleton className="h-64 rounded-lg" />
      <span className="sr-only">Loading {what}…</span>
    </div>
  );
}
