// Growing delays per (account, client address) instead of locking the
// account: a guesser elsewhere cannot lock its owner out, and the owner's
// right password from another address always works (OWASP Authentication
// cheat sheet, "Login throttling"; NIST SP 800-63B §5.2.2). The per-address
// limit in login-rate-limits.ts caps what one address tries across accounts.
export const signInThrottlePolicy = {
  /** Failures from one address allowed back to back before any wait. */
  freeFailures: 3,
  /** The longest wait after a run of failures. */
  maxDelaySeconds: 15 * 60,
  /** A run of failures this old is forgotten. */
  forgetAfterSeconds: 24 * 60 * 60,
} as const;

/** Seconds to wait after the `failures`-th failure in a row: 2, 4, 8… up to the cap. */
export function signInDelaySeconds(failures: number): number {
  const { freeFailures, maxDelaySeconds } = signInThrottlePolicy;
  if (failures <= freeFailures) return 0;
  return Math.min(2 ** (failures - freeFailures), maxDelaySeconds);
}

/** Seconds until the next attempt is allowed, 0 when it is allowed now. */
export function signInWaitSeconds(
  run: { failures: number; lastFailureAt: Date } | null,
  now: Date,
): number {
  if (!run) return 0;
  const sinceMs = now.getTime() - run.lastFailureAt.getTime();
  if (sinceMs >= signInThrottlePolicy.forgetAfterSeconds * 1000) return 0;
  const waitMs = signInDelaySeconds(run.failures) * 1000 - sinceMs;
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** "Try again in 8 seconds." / "Try again in 15 minutes." for a Retry-After value. */
export function describeRetryAfter(seconds: number): string {
  if (seconds < 60) return `Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
