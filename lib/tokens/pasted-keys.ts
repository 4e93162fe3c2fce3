import type { Jwk } from "@/lib/tokens/key-match";

/**
 * An issuer's pasted key set as stored (screened when it was saved); anything
 * else, which Fedlens never writes, reads as none.
 */
export function pastedKeys(value: unknown): { keys: Jwk[] } | null {
  if (typeof value !== "object" || value === null || !("keys" in value)) return null;
  const keys = (value as { keys: unknown }).keys;
  return Array.isArray(keys) && keys.length > 0 ? { keys: keys as Jwk[] } : null;
}
