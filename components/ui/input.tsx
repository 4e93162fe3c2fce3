import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export const controlClass =
  "w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs placeholder:text-muted-foreground disabled:opacity-50 aria-invalid:border-destructive aria-invalid:ring-1 aria-invalid:ring-destructive";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClass, "h-9", className)} {...props} />;
}

/**
 * For identifiers, URLs and ids that must be typed exactly: no spell check,
 * no autofill, monospaced so a stray slash or case difference shows.
 */
export function CodeInput({ className, ...props }: ComponentProps<"input">) {
  return (
    <Input
      spellCheck={false}
      autoComplete="off"
      className={cn("font-mono", className)}
      {...props}
    />
  );
}
