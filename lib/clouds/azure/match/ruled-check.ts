import type { Check, CloudError } from "@/lib/federation/types";

/** A check and the error Entra answers when it is the first to fail. */
export type RuledCheck = { check: Check; error: CloudError | null };

export function passed(check: Omit<Check, "ok">): RuledCheck {
  return { check: { ...check, ok: true }, error: null };
}

export function failed(check: Omit<Check, "ok">, error: CloudError): RuledCheck {
  return { check: { ...check, ok: false }, error };
}

/** Drops an undefined hint so checks carry only the keys that say something. */
export function withHint(hint: string | undefined): { hint?: string } {
  return hint === undefined ? {} : { hint };
}
