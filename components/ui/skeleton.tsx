import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A grey placeholder with the shape of what is loading. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}

/** Announces, once, that a part of the page is still loading, with its outline. */
export function LoadingPlaceholder({ what, className }: { what: string; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={cn("grid gap-3", className)}>
      <Skeleton className="h-4 w-40" />
      <Skeleton className="h-9" />
      <Skeleton className="h-24" />
      <span className="sr-only">Loading {what}…</span>
    </div>
  );
}
