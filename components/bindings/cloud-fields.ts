import type { ReactNode } from "react";
import type { BindingParties, FieldErrors } from "@/components/bindings/types";

/** What each cloud's fields receive from the shared binding form. */
export type CloudFieldsProps = {
  parties: BindingParties;
  /** The saved spec when editing; absent for a new binding. */
  stored?: Record<string, unknown>;
  serverErrors: FieldErrors;
  /** The server's message for the last submission, if it failed. */
  serverMessage?: string;
  /** The spec JSON of the last submission the server answered. */
  submittedSpec?: string;
  /** The submit and cancel buttons, placed under the fields. */
  footer: ReactNode;
};

/**
 * The server's errors that still apply: once the spec differs from the one
 * it judged, its errors about the spec are stale and the live checks speak.
 */
export function currentServerErrors(props: CloudFieldsProps, specJson: string): FieldErrors {
  if (props.submittedSpec === undefined || props.submittedSpec === specJson) {
    return props.serverErrors;
  }
  return Object.fromEntries(
    Object.entries(props.serverErrors).filter(([path]) => !path.startsWith("spec")),
  );
}

export function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** One entry per non-blank line, trimmed. */
export function linesOf(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

export const layoutClass = "grid gap-8 xl:grid-cols-[minmax(0,38rem)_minmax(0,1fr)]";
export const columnClass = "grid content-start gap-5";
