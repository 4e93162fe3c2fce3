import type { Check, CloudError } from "@/lib/federation/types";

/** A check and the error Entra answers when it is the first to fail. */
export type RuledCheck = { check: Check; error: CloudError | null };

// The check is the object given, completed with `ok` (last, as a spread
// copy would put it): every caller builds it for this one call, and the
// trust map builds several per credential and token, so copies showed.

export function passed(check: Omit<Check, "ok">): RuledCheck {
  const done = check as Check;
  done.ok = true;
  return { check: done, error: null };
}

export function failed(check: Omit<Check, "ok">, error: CloudError): RuledCheck {
  const done = check as Check;
  done.ok = false;
  return { check: done, error };
}

/** Drops an undefined hint so checks carry only the keys that say something. */
export function withHint(hint: string | undefined): { hint?: string } {
  return hint === undefined ? {} : { hint };
}
