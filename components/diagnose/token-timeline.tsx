import { timelineOf, type TimelineKey } from "@/components/diagnose/timeline";
import { durationText, isoOf, numericDate, relativeTime } from "@/components/diagnose/token-times";
import { Card, CardTitle } from "@/components/ui/card";
import { Timestamp } from "@/components/ui/timestamp";
import { cn } from "@/lib/utils";

const names: Record<TimelineKey, string> = {
  iat: "Issued (iat)",
  nbf: "Valid from (nbf)",
  exp: "Expires (exp)",
  now: "Now",
};

const stateText = {
  valid: "The token was within its validity window when diagnosed.",
  "not yet valid": "The token was not yet valid when diagnosed (nbf is in the future).",
  expired: "The token had expired when diagnosed.",
  "no expiry": "The token has no usable exp; every cloud requires one.",
} as const;

/** iat, nbf and exp against the moment of the diagnosis: a bar for the eye, a list for everyone. */
export function TokenTimeline({
  claims,
  evaluatedAt,
}: {
  claims: Record<string, unknown>;
  evaluatedAt: string;
}) {
  const now = Date.parse(evaluatedAt) / 1000;
  const { markers, window, state } = timelineOf(claims, now);
  const iat = numericDate(claims.iat);
  const exp = numericDate(claims.exp);
  const times = (["iat", "nbf", "exp"] as const)
    .flatMap((key) => {
      const seconds = numericDate(claims[key]);
      return seconds === null ? [] : [{ key: key as TimelineKey, seconds }];
    })
    .concat({ key: "now", seconds: now })
    .sort((a, b) => a.seconds - b.seconds);
  // Labels below the bar alternate rows while they are too close to read side by side.
  const rows: boolean[] = [];
  let previous: { percent: number; low: boolean } | null = null;
  for (const marker of markers) {
    if (marker.keys.includes("now")) {
      rows.push(false);
      continue;
    }
    const low: boolean =
      previous !== null && marker.percent - previous.percent < 15 ? !previous.low : false;
    rows.push(low);
    previous = { percent: marker.percent, low };
  }
  return (
    <Card aria-labelledby="timeline-title">
      <CardTitle id="timeline-title">Timeline</CardTitle>
      <p className={cn("mb-4 text-sm", state === "valid" ? "" : "font-medium text-destructive")}>
        {state === "valid" ? "✓ " : "✗ "}
        {stateText[state]}
        {iat !== null && exp !== null ? ` Lifetime ${durationText(exp - iat)}.` : null}
      </p>
      <div aria-hidden className="relative mx-2 mt-8 mb-16 h-3 rounded-full bg-muted">
        {window ? (
          <div
            className={cn(
              "absolute inset-y-0 rounded-full",
              state === "valid" ? "bg-success/40" : "bg-destructive/25",
            )}
            style={{ left: `${window.from}%`, width: `${Math.max(window.to - window.from, 0.5)}%` }}
          />
        ) : null}
        {markers.map((marker, index) => {
          const isNow = marker.keys.includes("now");
          return (
            <div
              key={marker.keys.join("+")}
              className="absolute top-1/2 -translate-x-1/2 -translate-y-1/2"
              style={{ left: `${marker.percent}%` }}
            >
              <div
                className={cn("mx-auto w-0.5", isNow ? "h-8 bg-primary" : "h-6 bg-foreground")}
              />
              <span
                className={cn(
                  "absolute left-1/2 -translate-x-1/2 text-xs whitespace-nowrap",
                  isNow ? "-top-5 font-semibold text-primary" : "text-muted-foreground",
                  !isNow && (rows[index] ? "top-12" : "top-7"),
                )}
              >
                {marker.keys.join(", ")}
              </span>
            </div>
          );
        })}
      </div>
      <ul aria-label="Token times" className="grid gap-1 text-sm">
        {times.map(({ key, seconds }) => (
          <li key={key} className="flex flex-wrap gap-x-3">
            <span className="w-32 text-muted-foreground">{names[key]}</span>
            <Timestamp iso={isoOf(seconds)} className="font-mono text-xs leading-5" />
            <span>{key === "now" ? "(time of the diagnosis)" : relativeTime(seconds, now)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
