import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { msUntilRoom, slidingCount, windowIndex } from "@/lib/http/sliding-window";

// Counters in Postgres (SECURITY.md 3.6): they hold across instances and
// restarts, and need no extra service. Fixed windows for the sign-in
// throttle and cooldowns; sliding windows for the API budgets, where a
// burst straddling a window boundary must not pass for two half-bursts.

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitVerdict = { allowed: boolean; retryAfterSeconds: number };

type CounterRow = { count: number; reset_at: Date };

function verdict(row: CounterRow | undefined, limit: number): RateLimitVerdict {
  if (!row || row.count <= limit) return { allowed: true, retryAfterSeconds: 0 };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((row.reset_at.getTime() - Date.now()) / 1000)),
  };
}

/** Now and then, drops counters whose window ended over a day ago. */
async function sweepOccasionally(): Promise<void> {
  if (Math.random() < 0.01) {
    await getDb().$executeRaw`DELETE FROM rate_limit WHERE reset_at < now() - interval '1 day'`;
  }
}

/** Counts one attempt against `key` and says whether it is within the rule. */
export async function consumeRateLimit(
  key: string,
  rule: RateLimitRule,
): Promise<RateLimitVerdict> {
  const db = getDb();
  const rows = await db.$queryRaw<CounterRow[]>`
    INSERT INTO rate_limit (key, count, reset_at)
    VALUES (${key}, 1, now() + ${rule.windowSeconds}::int * interval '1 second')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit.reset_at <= now() THEN 1 ELSE rate_limit.count + 1 END,
      reset_at = CASE WHEN rate_limit.reset_at <= now() THEN excluded.reset_at ELSE rate_limit.reset_at END
    RETURNING count, reset_at`;
  await sweepOccasionally();
  return verdict(rows[0], rule.limit);
}

/** Whether `key` has already used up its window, without counting an attempt. */
export async function peekRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitVerdict> {
  const rows = await getDb().$queryRaw<CounterRow[]>`
    SELECT count, reset_at FROM rate_limit WHERE key = ${key} AND reset_at > now()`;
  const row = rows[0];
  return verdict(row && { ...row, count: row.count + 1 }, rule.limit);
}

/**
 * Counts one attempt against `key` in a sliding window (lib/http/sliding-window.ts)
 * and says whether it is within the rule. Each window is its own row, keyed
 * `key@index`; only admitted attempts count, so a refused caller that waits
 * Retry-After gets in. The increment is atomic, so concurrent attempts admit
 * exactly the limit.
 */
export async function consumeSlidingRateLimit(
  key: string,
  rule: RateLimitRule,
  at: Date = new Date(),
): Promise<RateLimitVerdict> {
  const db = getDb();
  const windowMs = rule.windowSeconds * 1000;
  const index = windowIndex(at, windowMs);
  const currentKey = `${key}@${index}`;
  const rows = await db.$queryRaw<{ count: number; previous: number | null }[]>`
    INSERT INTO rate_limit (key, count, reset_at)
    VALUES (${currentKey}, 1, ${new Date((index + 1) * windowMs)})
    ON CONFLICT (key) DO UPDATE SET count = rate_limit.count + 1
    RETURNING count,
      (SELECT earlier.count FROM rate_limit AS earlier WHERE earlier.key = ${`${key}@${index - 1}`}) AS previous`;
  await sweepOccasionally();
  const counts = {
    previous: rows[0]?.previous ?? 0,
    current: rows[0]?.count ?? 1,
    elapsedMs: at.getTime() - index * windowMs,
  };
  if (slidingCount(counts, windowMs) <= rule.limit) return { allowed: true, retryAfterSeconds: 0 };
  await db.$executeRaw`UPDATE rate_limit SET count = count - 1 WHERE key = ${currentKey}`;
  const waitMs = msUntilRoom({ ...counts, current: counts.current - 1 }, rule.limit, windowMs);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** consumeSlidingRateLimit for an API budget: over it is the API's 429 with Retry-After. */
export async function enforceSlidingRateLimit(
  key: string,
  rule: RateLimitRule,
  what: string,
  at?: Date,
): Promise<void> {
  const verdict = await consumeSlidingRateLimit(key, rule, at);
  if (verdict.allowed) return;
  const per = rule.windowSeconds === 60 ? "a minute" : `in ${rule.windowSeconds} s`;
  throw new AppError("rate_limited", {
    message: `More than ${rule.limit} ${what} ${per}; try again in ${verdict.retryAfterSeconds} s.`,
    retryAfterSeconds: verdict.retryAfterSeconds,
  });
}
