// The sliding-window rate estimate (the "two-window weighted counter"): time
// is cut into windows of the rule's length, and the window that ends now is
// estimated as this window's count plus the previous window's count weighted
// by how much of the previous window it still covers. Unlike a fixed window,
// a burst at the end of one window and another at the start of the next are
// seen together. Pure: the database only stores the two counts.

export type WindowCounts = {
  /** Attempts admitted in the previous window. */
  previous: number;
  /** Attempts admitted in the current window. */
  current: number;
  /** How far into the current window we are, in [0, windowMs). */
  elapsedMs: number;
};

export function windowIndex(at: Date, windowMs: number): number {
  return Math.floor(at.getTime() / windowMs);
}

/** The estimated number of attempts in the window that ends now. */
export function slidingCount({ previous, current, elapsedMs }: WindowCounts, windowMs: number) {
  return previous * (1 - elapsedMs / windowMs) + current;
}

/**
 * How long until one more attempt would fit under `limit`, assuming none
 * arrive meanwhile: the previous window's weight shrinks as time passes, and
 * at the next boundary the current count becomes the previous one.
 */
export function msUntilRoom(counts: WindowCounts, limit: number, windowMs: number): number {
  const { previous, current, elapsedMs } = counts;
  if (slidingCount(counts, windowMs) + 1 <= limit) return 0;
  const room = limit - 1 - current;
  if (room >= 0 && previous > 0) {
    // previous * (1 - (elapsed + t) / W) <= room, within this window.
    const wait = windowMs * (1 - room / previous) - elapsedMs;
    if (wait < windowMs - elapsedMs) return Math.max(0, wait);
  }
  const toNextWindow = windowMs - elapsedMs;
  // Next window: current * (1 - t' / W) + 1 <= limit.
  if (current <= limit - 1) return toNextWindow;
  return toNextWindow + windowMs * (1 - (limit - 1) / current);
}
