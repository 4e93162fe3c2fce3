import { vi } from "vitest";

const minute = 60_000;

/**
 * Runs `body` with the clock standing still in the middle of the current
 * minute. The API budgets slide over real minutes (lib/http/sliding-window.ts):
 * a spend that straddles a minute boundary, or a call refused just after one,
 * is weighed as partly gone and admitted, so a test that spends a budget and
 * expects the next call refused would pass or fail with CI's speed. Only Date
 * stands still; timers run as usual.
 */
export async function atOneInstant<T>(body: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / minute) * minute + 30_000 });
  try {
    return await body();
  } finally {
    vi.useRealTimers();
  }
}
