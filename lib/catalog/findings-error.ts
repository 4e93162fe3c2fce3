import type { Findings } from "@/lib/catalog/findings";
import { AppError } from "@/lib/errors";
import { withoutCitations } from "@/lib/federation/sources";

/** A 422 listing the findings' errors as invalid_params; nothing when there are none. */
export function throwIfFindingErrors(findings: Findings, message: string): void {
  if (findings.errors.length === 0) return;
  throw new AppError("validation_failed", {
    message,
    invalidParams: findings.errors.map((finding) => ({
      name: finding.path,
      reason: withoutCitations(finding.message),
    })),
  });
}
