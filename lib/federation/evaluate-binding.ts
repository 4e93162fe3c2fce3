import type { z } from "zod";
import { cloudEvaluator } from "@/lib/clouds/registry";
import type { Cloud } from "@/lib/clouds/types";
import type { Evaluation, ExchangeRequest, TokenFacts } from "@/lib/federation/types";

export type ParsedBinding =
  { ok: true; cloud: Cloud; binding: unknown } | { ok: false; error: z.ZodError };

/** Checks a binding against its cloud's evaluator schema (the /api/v1/evaluate shape). */
export function parseEvaluatorBinding(cloud: Cloud, binding: unknown): ParsedBinding {
  const evaluator = cloudEvaluator(cloud);
  const parsed = evaluator.checkBinding?.(binding) ?? evaluator.bindingSchema.safeParse(binding);
  return parsed.success
    ? { ok: true, cloud, binding: parsed.data }
    : { ok: false, error: parsed.error };
}

/**
 * Evaluates a binding the catalogue holds. A stored binding the evaluator's
 * stricter schema refuses (e.g. saved before a rule existed) is reported as a
 * failed `target` check rather than thrown.
 */
export function evaluateStoredBinding(
  cloud: Cloud,
  binding: unknown,
  input: { token: TokenFacts; request?: ExchangeRequest; at: Date },
): Evaluation {
  const parsed = parseEvaluatorBinding(cloud, binding);
  if (!parsed.ok) {
    const problem = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "binding"}: ${issue.message}`)
      .join("; ");
    const check = {
      check: "target" as const,
      ok: false,
      message: `This binding cannot be evaluated: ${problem}`,
    };
    return {
      accepted: false,
      checks: [check],
      cloudError: { code: "FedlensBindingInvalid", message: check.message },
    };
  }
  return cloudEvaluator(cloud).evaluate({ ...input, binding: parsed.binding });
}
