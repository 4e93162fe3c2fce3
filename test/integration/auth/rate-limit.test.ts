import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...nextauth]/route";
import { checkLoginAllowed, loginRules } from "@/lib/auth/sign-in/login-rate-limits";
import { recordSignInFailure } from "@/lib/auth/sign-in/sign-in-throttle";
import { describeRetryAfter } from "@/lib/auth/sign-in/throttle-policy";
import { verifyCredentials } from "@/lib/auth/sign-in/verify-credentials";
import { getDb } from "@/lib/db/client";
import { consumeRateLimit, peekRateLimit } from "@/lib/http/rate-limit";
import { createTestUser } from "@/test/factories/users";
import { problemOf } from "@/test/support/http";

const rule = { limit: 3, windowSeconds: 60 };
const freshKey = () => `test:${randomUUID()}`;
const freshEmail = () => `login-${randomUUID().slice(0, 8)}@example.test`;
let addressCounter = 0;
/** A distinct client address per test, so the per-IP counter starts at zero. */
const freshIp = () => `198.51.100.${(addressCounter += 1)}`;

async function countOf(key: string): Promise<number | undefined> {
  return (await getDb().rateLimit.findUnique({ where: { key } }))?.count;
}

/** Ends the key's current window as if its reset time had passed. */
async function expireWindow(key: string): Promise<void> {
  await getDb()
    .$executeRaw`UPDATE rate_limit SET reset_at = now() - interval '1 second' WHERE key = ${key}`;
}

const client = (address: string) => ({ address, requestId: "rate-limit-test" });

/** Moves the (email, address) pair's last failure `seconds` into the past. */
async function rewindLastFailure(email: string, address: string, seconds: number): Promise<void> {
  await getDb().$executeRaw`
    UPDATE sign_in_throttle SET last_failure_at = last_failure_at - ${seconds}::int * interval '1 second'
    WHERE email = ${email} AND address = ${address}`;
}

async function prefill(key: string, count: number): Promise<void> {
  await getDb().$executeRaw`
    INSERT INTO rate_limit (key, count, reset_at) VALUES (${key}, ${count}, now() + interval '15 minutes')`;
}

describe("consumeRateLimit and peekRateLimit", () => {
  it("allows the limit within a window and refuses the next attempt until the window ends", async () => {
    const key = freshKey();
    for (let attempt = 1; attempt <= rule.limit; attempt += 1) {
      expect(await consumeRateLimit(key, rule)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    }
    const refused = await consumeRateLimit(key, rule);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(rule.windowSeconds);
    expect(await countOf(key)).toBe(rule.limit + 1);
  });

  it("peeks without counting and refuses once the next attempt would exceed the limit", async () => {
    const key = freshKey();
    expect(await peekRateLimit(key, rule)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await countOf(key)).toBeUndefined();
    await consumeRateLimit(key, rule);
    await consumeRateLimit(key, rule);
    expect((await peekRateLimit(key, rule)).allowed).toBe(true);
    await consumeRateLimit(key, rule);
    const refused = await peekRateLimit(key, rule);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(rule.windowSeconds);
    expect(await countOf(key)).toBe(rule.limit);
  });

  it("starts a new window of one attempt once reset_at has passed", async () => {
    const key = freshKey();
    for (let attempt = 0; attempt <= rule.limit; attempt += 1) await consumeRateLimit(key, rule);
    expect((await consumeRateLimit(key, rule)).allowed).toBe(false);
    await expireWindow(key);
    expect((await peekRateLimit(key, rule)).allowed).toBe(true);
    expect(await consumeRateLimit(key, rule)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    const row = await getDb().rateLimit.findUniqueOrThrow({ where: { key } });
    expect(row.count).toBe(1);
    expect(row.resetAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("keeps separate counters per key", async () => {
    const [spent, other] = [freshKey(), freshKey()];
    for (let attempt = 0; attempt <= rule.limit; attempt += 1) await consumeRateLimit(spent, rule);
    expect((await consumeRateLimit(other, rule)).allowed).toBe(true);
  });

  it("allows exactly the limit when attempts arrive at the same time", async () => {
    const key = freshKey();
    const wide = { limit: 10, windowSeconds: 60 };
    const verdicts = await Promise.all(
      Array.from({ length: 25 }, () => consumeRateLimit(key, wide)),
    );
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(wide.limit);
    expect(await countOf(key)).toBe(25);
  });
});

describe("checkLoginAllowed", () => {
  const wrongPassword = "not-the-password-at-all";

  it("keeps the right password working from another address after many failures from one", async () => {
    const { user, password } = await createTestUser();
    const [guesser, owner] = [freshIp(), freshIp()];
    for (let failure = 1; failure <= 12; failure += 1) {
      expect(await verifyCredentials(user.email, wrongPassword, client(guesser))).toBeNull();
    }
    expect((await checkLoginAllowed(guesser, user.email)).allowed).toBe(false);
    expect(await checkLoginAllowed(owner, user.email.toUpperCase())).toEqual({
      allowed: true,
      retryAfterSeconds: 0,
    });
    expect((await verifyCredentials(user.email, password, client(owner)))?.id).toBe(user.id);
  });

  it("lets three failures through at once, then makes that address wait 2, 4, 8… seconds", async () => {
    const [ip, email] = [freshIp(), freshEmail()];
    const waits: number[] = [];
    for (let failure = 1; failure <= 6; failure += 1) {
      await recordSignInFailure({ email, address: ip, userId: null, requestId: "t" });
      waits.push((await checkLoginAllowed(ip, email)).retryAfterSeconds);
      await rewindLastFailure(email, ip, 3600);
    }
    // Each wait is measured right after the failure, so at most one second has gone.
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    for (const [index, delay] of [2, 4, 8].entries()) {
      expect(waits[index + 3]).toBeGreaterThanOrEqual(delay - 1);
      expect(waits[index + 3]).toBeLessThanOrEqual(delay);
    }
  });

  it("caps the wait at 15 minutes and refuses the right password meanwhile from that address", async () => {
    const { user, password } = await createTestUser();
    const ip = freshIp();
    for (let failure = 1; failure <= 20; failure += 1) {
      await verifyCredentials(user.email, wrongPassword, client(ip));
    }
    const refused = await checkLoginAllowed(ip, user.email);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);

    // Once the wait is over the right password gets in and ends the run.
    await rewindLastFailure(user.email, ip, 15 * 60);
    expect((await checkLoginAllowed(ip, user.email)).allowed).toBe(true);
    expect((await verifyCredentials(user.email, password, client(ip)))?.id).toBe(user.id);
    expect(await getDb().signInThrottle.count({ where: { email: user.email } })).toBe(0);
  });

  it("forgets a run of failures after a day and counts from one again", async () => {
    const [ip, email] = [freshIp(), freshEmail()];
    for (let failure = 1; failure <= 10; failure += 1) {
      await recordSignInFailure({ email, address: ip, userId: null, requestId: "t" });
    }
    await rewindLastFailure(email, ip, 24 * 60 * 60);
    expect((await checkLoginAllowed(ip, email)).allowed).toBe(true);
    await recordSignInFailure({ email, address: ip, userId: null, requestId: "t" });
    const row = await getDb().signInThrottle.findUniqueOrThrow({
      where: { email_address: { email, address: ip } },
    });
    expect(row.failures).toBe(1);
  });

  it("refuses the 31st attempt from one address whatever the email, and not another address", async () => {
    const ip = freshIp();
    for (let attempt = 1; attempt <= loginRules.perIp.limit; attempt += 1) {
      expect((await checkLoginAllowed(ip, freshEmail())).allowed).toBe(true);
    }
    const refused = await checkLoginAllowed(ip, freshEmail());
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(loginRules.perIp.windowSeconds);
    expect((await checkLoginAllowed(ip, undefined)).allowed).toBe(false);
    expect((await checkLoginAllowed(freshIp(), freshEmail())).allowed).toBe(true);
  });
});

describe("POST /api/auth/callback/credentials when the limit is used up", () => {
  const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
  const password = `pw-${randomUUID()}`;

  function signInRequest(forwardedFor: string, email: string): Request {
    return new Request("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": forwardedFor,
      },
      body: new URLSearchParams({ email, password, csrfToken: "unused" }).toString(),
    });
  }

  async function expectRateLimited(response: Response): Promise<void> {
    const text = await response.clone().text();
    expect(response.status, text).toBe(429);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ type: "urn:fedlens:problem:rate-limited", status: 429 });
    const retryAfter = response.headers.get("retry-after") ?? "";
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(problem.detail).toBe(
      `Too many sign-in attempts. ${describeRetryAfter(Number(retryAfter))}`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(text).not.toContain(password);
  }

  it("answers 429 problem+json with Retry-After once the address has used its 30 attempts", async () => {
    const ip = freshIp();
    await prefill(`login:ip:${ip}`, loginRules.perIp.limit);
    await expectRateLimited(await POST(signInRequest(ip, freshEmail()), context));
  });

  it("answers 429 while the email must wait at that address, whatever case the form uses", async () => {
    const [email, ip] = [freshEmail(), freshIp()];
    await getDb().signInThrottle.create({
      data: { email, address: ip, failures: 20, lastFailureAt: new Date() },
    });
    const response = await POST(signInRequest(ip, email.toUpperCase()), context);
    await expectRateLimited(response.clone());
    expect((await problemOf(response)).detail).toBe(
      "Too many sign-in attempts. Try again in 15 minutes.",
    );
  });

  it("counts the right-most X-Forwarded-For entry, the one our proxy appended", async () => {
    const ip = freshIp();
    await prefill(`login:ip:${ip}`, loginRules.perIp.limit);
    await expectRateLimited(await POST(signInRequest(`192.0.2.10, ${ip}`, freshEmail()), context));
    expect(await countOf(`login:ip:${ip}`)).toBe(loginRules.perIp.limit + 1);
  });
});
