import type { Check, CloudError } from "@/lib/federation/types";

// A check with the error Google would answer if it is the first to fail.
export type Outcome = { check: Check; error: CloudError | null };

// The check is the object given, completed with `ok` (last, as a spread
// copy would put it): every caller builds it for this one call, and an
// evaluation builds a dozen, so copying them showed in the trust map's time.

export function passed(check: Omit<Check, "ok">): Outcome {
  const done = check as Check;
  done.ok = true;
  return { check: done, error: null };
}

export function failed(check: Omit<Check, "ok">, error: CloudError): Outcome {
  const done = check as Check;
  done.ok = false;
  return { check: done, error };
}

/** Of `candidates`, the one `actual` is closest to (longest common prefix, then length), for diffs. */
export function nearest(candidates: readonly string[], actual: string): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const candidate of candidates) {
    let prefix = 0;
    const lowerCandidate = candidate.toLowerCase();
    const lowerActual = actual.toLowerCase();
    while (prefix < lowerCandidate.length && lowerCandidate[prefix] === lowerActual[prefix]) {
      prefix += 1;
    }
    const score = prefix * 1000 - Math.abs(candidate.length - actual.length);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

export function quote(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "(absent)";
  return JSON.stringify(value) ?? String(value);
}
