import "server-only";
import { consumeRateLimit, peekRateLimit, type RateLimitVerdict } from "@/lib/http/rate-limit";

// Every attempt counts per address; only failures count per account, so a
// user who signs in often is never locked out by their own successes
// (OWASP Authentication cheat sheet, "Login throttling").
export const loginRules = {
  perIp: { limit: 30, windowSeconds: 15 * 60 },
  perEmailFailures: { limit: 10, windowSeconds: 15 * 60 },
} as const;

const ipKey = (ip: string) => `login:ip:${ip}`;
const emailKey = (email: string) => `login:email:${email.trim().toLowerCase()}`;

/** Called before a credentials sign-in is processed. */
export async function checkLoginAllowed(
  ip: string,
  email: string | undefined,
): Promise<RateLimitVerdict> {
  const byIp = await consumeRateLimit(ipKey(ip), loginRules.perIp);
  if (!byIp.allowed || !email) return byIp;
  return peekRateLimit(emailKey(email), loginRules.perEmailFailures);
}

export async function recordLoginFailure(email: string): Promise<void> {
  await consumeRateLimit(emailKey(email), loginRules.perEmailFailures);
}
