// FEDLENS_DRIFT_INTERVAL ("off", "90s", "15m", "2h"; lib/env.ts checks the
// form) as seconds, or null when periodic checks are off.
const unitSeconds = { s: 1, m: 60, h: 3600 } as const;

export function driftIntervalSeconds(value: string): number | null {
  if (value === "off") return null;
  const match = /^(\d{1,4})([smh])$/.exec(value);
  if (!match?.[1] || !match[2]) throw new Error(`Not a drift interval: ${value}`);
  const seconds = Number(match[1]) * unitSeconds[match[2] as keyof typeof unitSeconds];
  if (seconds < 1) throw new Error("The drift interval must be at least one second.");
  return seconds;
}
