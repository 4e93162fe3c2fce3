import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { enforceSlidingRateLimit } from "@/lib/http/rate-limit";

// Each exchange asks a cloud's token service for a real credential: a small
// budget per person (a user's session and API tokens share it) and one for
// the whole console keep Fedlens from looking like a credential-stuffing
// client to the clouds (SECURITY.md 3.6).
export const exchangeRateRule = { limit: 10, windowSeconds: 60 };
export const exchangeGlobalRule = { limit: 120, windowSeconds: 60 };

export async function assertExchangeAllowed(actor: Actor, at?: Date): Promise<void> {
  const who = actor.userId ?? `${actor.type}:${actor.id ?? "system"}`;
  await enforceSlidingRateLimit(`exchange:user:${who}`, exchangeRateRule, "exchanges", at);
  await enforceSlidingRateLimit("exchange:all", exchangeGlobalRule, "exchanges", at);
}
