import { clsx, type ClassValue } from "clsx";
import { mergeClasses } from "@/lib/class-merge";

/** Joins class names; later Tailwind classes win, so a caller's class overrides a variant's. */
export function cn(...inputs: ClassValue[]): string {
  return mergeClasses(clsx(inputs));
}
