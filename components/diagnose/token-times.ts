// The token's NumericDate claims (RFC 7519 §2, §4.1.4–4.1.6; OIDC Core §2
// for auth_time) read for display: as dates and relative to the moment the
// diagnosis was made, which is the "now" every verdict on the page used.

export const timeClaims = ["iat", "nbf", "exp", "auth_time"] as const;
export type TimeClaim = (typeof timeClaims)[number];

/** 2200-01-01: beyond it a NumericDate is not a plausible token time (lib/tokens/claim-checks). */
const latestSeconds = 7_258_118_400;

export function isTimeClaim(name: string): name is TimeClaim {
  return (timeClaims as readonly string[]).includes(name);
}

/** The claim as seconds since the epoch, or null when it is not a usable NumericDate. */
export function numericDate(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= latestSeconds
    ? value
    : null;
}

/** ISO-8601 in UTC, for <time dateTime> and the Timestamp component. */
export function isoOf(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}

function span(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds < 60 * 86_400) return `${Math.round(seconds / 86_400)} days`;
  if (seconds < 730 * 86_400) return `${Math.round(seconds / (30.44 * 86_400))} months`;
  return `${Math.round(seconds / (365.25 * 86_400))} years`;
}

/** "in 4 min", "2 h ago", "now" (within a second). */
export function relativeTime(seconds: number, nowSeconds: number): string {
  const delta = seconds - nowSeconds;
  if (Math.abs(delta) < 1) return "now";
  return delta > 0 ? `in ${span(delta)}` : `${span(-delta)} ago`;
}

/** A duration such as a token's lifetime: "5 min", "1 h". */
export function durationText(seconds: number): string {
  return span(Math.abs(seconds));
}
