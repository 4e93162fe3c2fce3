import "server-only";
import { signInWaitFor } from "@/lib/auth/sign-in/sign-in-throttle";
import { consumeRateLimit, type RateLimitVerdict } from "@/lib/http/rate-limit";

// Every attempt counts per address, whatever the account; failures also
// slow down that one (account, address) pair (throttle-policy.ts). Nothing
// locks an account as such, so nobody can lock its owner out.
export const loginRules = {
  perIp: { limit: 30, windowSeconds: 15 * 60 },
} as const;

const ipKey = (ip: string) => `login:ip:${ip}`;

/** Called before a credentials sign-in is processed. */
export async function checkLoginAllowed(
  ip: string,
  email: string | undefined,
): Promise<RateLimitVerdict> {
  const byIp = await consumeRateLimit(ipKey(ip), loginRules.perIp);
  if (!byIp.allowed || !email) return byIp;
  const wait = await signInWaitFor({ email, address: ip });
  return { allowed: wait === 0, retryAfterSeconds: wait };
}
