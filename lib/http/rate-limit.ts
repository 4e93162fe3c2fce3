import "server-only";
import { getDb } from "@/lib/db/client";

// Fixed-window counters in Postgres (SECURITY.md 3.6): they hold across
// instances and restarts, and need no extra service.

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
  if (Math.random() < 0.01) {
    await db.$executeRaw`DELETE FROM rate_limit WHERE reset_at < now() - interval '1 day'`;
  }
  return verdict(rows[0], rule.limit);
}

/** Whether `key` has already used up its window, without counting an attempt. */
export async function peekRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitVerdict> {
  const rows = await getDb().$queryRaw<CounterRow[]>`
    SELECT count, reset_at FROM rate_limit WHERE key = ${key} AND reset_at > now()`;
  const row = rows[0];
  return verdict(row && { ...row, count: row.count + 1 }, rule.limit);
}
