import type { Check, CloudError } from "@/lib/federation/types";

// One check in STS's order, with the error STS returns if it is the first to fail.

export type Step = { check: Check; error?: CloudError };

type CheckFields = Omit<Check, "ok">;

export function pass(fields: CheckFields): Step {
  return { check: { ...fields, ok: true } };
}

export function fail(fields: CheckFields, error: CloudError): Step {
  return { check: { ...fields, ok: false }, error };
}

export function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value as text for the UI's diff: strings as they are, anything else as JSON. */
export function asText(value: unknown): string {
  if (value === undefined) return "(absent)";
  return typeof value === "string" ? value : JSON.stringify(value);
}
