import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { systemActor } from "@/lib/auth/actor";
import { signInThrottlePolicy, signInWaitSeconds } from "@/lib/auth/sign-in/throttle-policy";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";

// The state behind throttle-policy.ts: one row per (email, address) with the
// current run of failures. Emails are keyed as typed, known or not, so the
// answer never depends on whether the account exists.

export type SignInAttempt = { email: string; address: string };

function keyOf({ email, address }: SignInAttempt) {
  return { email: email.trim().toLowerCase().slice(0, 320), address: address.slice(0, 64) };
}

/** Seconds this (email, address) must still wait before its next attempt; 0 when none. */
export async function signInWaitFor(attempt: SignInAttempt): Promise<number> {
  const run = await getDb().signInThrottle.findUnique({
    where: { email_address: keyOf(attempt) },
    select: { failures: true, lastFailureAt: true },
  });
  return signInWaitSeconds(run, new Date());
}

/**
 * Counts one failed password sign-in and records it in the audit trail with
 * the address, never the password, in one transaction. `userId` is the
 * account the email names, when there is one.
 */
export async function recordSignInFailure(
  attempt: SignInAttempt & { userId: string | null; requestId: string },
): Promise<void> {
  const { email, address } = keyOf(attempt);
  const forget = signInThrottlePolicy.forgetAfterSeconds;
  await inTransaction(undefined, async (tx) => {
    await tx.$executeRaw`
      INSERT INTO sign_in_throttle (email, address, failures, last_failure_at)
      VALUES (${email}, ${address}, 1, now())
      ON CONFLICT (email, address) DO UPDATE SET
        failures = CASE
          WHEN sign_in_throttle.last_failure_at <= now() - ${forget}::int * interval '1 second' THEN 1
          ELSE sign_in_throttle.failures + 1 END,
        last_failure_at = now()`;
    await appendAuditEvent(tx, {
      actor: systemActor("anonymous"),
      requestId: attempt.requestId,
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: attempt.userId,
      after: { email, address },
    });
  });
  if (Math.random() < 0.01) {
    await getDb().$executeRaw`
      DELETE FROM sign_in_throttle
      WHERE last_failure_at < now() - ${forget}::int * interval '1 second'`;
  }
}

/** A right password ends the run for that address only. */
export async function clearSignInFailures(attempt: SignInAttempt): Promise<void> {
  await getDb().signInThrottle.deleteMany({ where: keyOf(attempt) });
}
