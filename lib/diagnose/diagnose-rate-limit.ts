import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { enforceSlidingRateLimit, type RateLimitRule } from "@/lib/http/rate-limit";

/**
 * A per-caller budget (one per user session or API token) for an API route,
 * in a sliding window so a burst across a minute boundary counts as one burst
 * (SECURITY.md 3.6; issue 10 item 8). Over it, the route answers 429.
 */
export function callerBudget(name: string, rule: RateLimitRule, what: string) {
  return (actor: Actor, at?: Date): Promise<void> =>
    enforceSlidingRateLimit(`${name}:${actor.type}:${actor.id ?? "system"}`, rule, what, at);
}

// Diagnosis can fetch issuers' keys and walks the catalogue; a per-caller cap
// keeps one script from hogging it.
export const diagnoseRateRule = { limit: 120, windowSeconds: 60 };

export const assertDiagnoseAllowed = callerBudget("diagnose", diagnoseRateRule, "diagnoses");
