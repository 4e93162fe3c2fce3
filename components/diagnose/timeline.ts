// Places iat, nbf, exp and "now" on one horizontal scale for the timeline.
// Pure: the component only draws what this computes.
import { numericDate } from "@/components/diagnose/token-times";

export type TimelineKey = "iat" | "nbf" | "exp" | "now";

export type TimelineMarker = {
  keys: TimelineKey[];
  seconds: number;
  /** 0–100 along the bar. */
  percent: number;
};

export type Timeline = {
  markers: TimelineMarker[];
  /** The span the token is usable in (nbf or iat, to exp), as percents; null without exp. */
  window: { from: number; to: number } | null;
  /** "valid", "not yet valid" or "expired" at `now`, from nbf and exp alone. */
  state: "valid" | "not yet valid" | "expired" | "no expiry";
};

/** Markers closer than this (percent of the bar) share one label. */
const mergeWithin = 2;

export function timelineOf(claims: Record<string, unknown>, nowSeconds: number): Timeline {
  const points: { key: TimelineKey; seconds: number }[] = [];
  for (const key of ["iat", "nbf", "exp"] as const) {
    const seconds = numericDate(claims[key]);
    if (seconds !== null) points.push({ key, seconds });
  }
  points.push({ key: "now", seconds: nowSeconds });
  const times = points.map((point) => point.seconds);
  const first = Math.min(...times);
  const last = Math.max(...times);
  // Some room on both ends so markers at the edges stay readable.
  const pad = Math.max((last - first) * 0.08, 30);
  const start = first - pad;
  const width = last + pad - start;
  const at = (seconds: number) => ((seconds - start) / width) * 100;

  const markers: TimelineMarker[] = [];
  for (const point of [...points].sort((a, b) => a.seconds - b.seconds)) {
    const percent = at(point.seconds);
    const near = markers.at(-1);
    if (near && percent - near.percent < mergeWithin) near.keys.push(point.key);
    else markers.push({ keys: [point.key], seconds: point.seconds, percent });
  }

  const exp = numericDate(claims.exp);
  const nbf = numericDate(claims.nbf);
  const from = nbf ?? numericDate(claims.iat);
  const window = exp === null ? null : { from: from === null ? 0 : at(from), to: at(exp) };
  const state =
    exp === null
      ? "no expiry"
      : nowSeconds >= exp
        ? "expired"
        : nbf !== null && nowSeconds < nbf
          ? "not yet valid"
          : "valid";
  return { markers, window, state };
}
