import { boundedMemo } from "@/lib/bounded-memo";
import { issuerOrigin } from "@/lib/diagnose/issuer-origin";
import { latinSkeleton } from "@/lib/tokens/confusables";

/**
 * The group of issuer URLs diagnose treats as look-alikes
 * (lib/diagnose/issuer-candidates): the same scheme and host in any case,
 * with look-alike letters read as the Latin ones they imitate (SECURITY.md
 * J18), whatever the path or port. A URL that does not parse only matches
 * itself, as in diagnose.
 */
export function lookAlikeKey(issuerUrl: string): string {
  return keys(issuerUrl, () => keyOf(issuerUrl));
}

// Every binding and workload asks, and a catalogue holds few issuer URLs.
const keys = boundedMemo<string>(1000);

function keyOf(issuerUrl: string): string {
  const origin = issuerOrigin(latinSkeleton(issuerUrl));
  if (!origin) return `exact ${issuerUrl}`;
  return origin.replace(/:\d+$/, "");
}
