import { publicSource, withoutCitations, type PublicSource } from "@/lib/federation/sources";
import type { Check, Evaluation } from "@/lib/federation/types";

// The evaluation as users get it (API, CLI, diagnose page): the evaluators'
// internal citations resolved to the cloud's public page, and dropped from
// the prose. Evaluators keep citing CLOUDS.md; this is the one edge that
// turns those citations into links.

export type PublicCheck = Omit<Check, "source"> & { source?: PublicSource };
export type PublicEvaluation = Omit<Evaluation, "checks"> & { checks: PublicCheck[] };

function presentCheck(check: Check): PublicCheck {
  const { source, message, hint, unconfirmed, ...rest } = check;
  const link = source ? publicSource(source) : null;
  return {
    ...rest,
    message: withoutCitations(message),
    ...(hint === undefined ? {} : { hint: withoutCitations(hint) }),
    ...(link ? { source: link } : {}),
    ...(unconfirmed === undefined ? {} : { unconfirmed: withoutCitations(unconfirmed) }),
  };
}

export function presentEvaluation(evaluation: Evaluation): PublicEvaluation {
  const { checks, cloudError, broad, caveats, ...rest } = evaluation;
  return {
    ...rest,
    checks: checks.map(presentCheck),
    cloudError: cloudError && { ...cloudError, message: withoutCitations(cloudError.message) },
    ...(broad ? { broad: { reason: withoutCitations(broad.reason) } } : {}),
    ...(caveats ? { caveats: caveats.map(withoutCitations) } : {}),
  };
}
