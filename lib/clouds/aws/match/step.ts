import type { Check, CloudError } from "@/lib/federation/types";

// One check in STS's order, with the error STS returns if it is the first to fail.

export type Step = { check: Check; error?: CloudError };

type CheckFields = Omit<Check, "ok">;

// Every caller builds `fields` for this one step, so the check is that
// object with `ok` added last: copying it (a spread of many shapes, on every
// check of every evaluation) was a measurable share of the trust map's time.

export function pass(fields: CheckFields): Step {
  const check = fields as Check;
  check.ok = true;
  return { check };
}

export function fail(fields: CheckFields, error: CloudError): Step {
  const check = fields as Check;
  check.ok = false;
  return { check, error };
}

export function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value as text for the UI's diff: strings as they are, anything else as JSON. */
export function asText(value: unknown): string {
  if (value === undefined) return "(absent)";
  return typeof value === "string" ? value : JSON.stringify(value);
}
