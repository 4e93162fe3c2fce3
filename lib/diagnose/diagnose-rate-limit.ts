import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/http/rate-limit";

// Diagnosis can fetch issuers' keys and walks the catalogue; a per-caller cap
// keeps one script from hogging it (SECURITY.md 3.6).
const rule = { limit: 120, windowSeconds: 60 };

export async function assertDiagnoseAllowed(actor: Actor): Promise<void> {
  const verdict = await consumeRateLimit(`diagnose:${actor.type}:${actor.id ?? "system"}`, rule);
  if (!verdict.allowed) {
    throw new AppError("rate_limited", {
      message: `More than ${rule.limit} diagnoses a minute; try again in ${verdict.retryAfterSeconds} s.`,
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
}
