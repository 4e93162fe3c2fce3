import "server-only";
import { callerBudget } from "@/lib/diagnose/diagnose-rate-limit";

// The what-if evaluation reads no catalogue and stores nothing, so it gets a
// budget of its own, larger than diagnosis's, instead of spending that one
// (issue 10 item 8). A token in it can still fetch keys; those fetches have
// their own per-issuer throttles.
export const evaluateRateRule = { limit: 600, windowSeconds: 60 };

export const assertEvaluateAllowed = callerBudget("evaluate", evaluateRateRule, "evaluations");
