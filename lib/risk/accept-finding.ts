import "server-only";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { AppError } from "@/lib/errors";
import { collectFindings } from "@/lib/risk/collect-findings";
import type { TFindingAcceptInput, TRiskFinding } from "@/lib/schemas/risk";

// An operator accepts one finding until a date, with a reason (issue 15
// item 5). Accepting again replaces the reason and the date; both versions
// are in the audit trail. The finding must exist now: an id can only be
// accepted while its rule still fires.

export async function acceptFinding({
  findingId,
  input,
  ...caller
}: MutationCaller & { findingId: string; input: TFindingAcceptInput }): Promise<TRiskFinding> {
  return auditedMutation(caller, { action: "risk.accept", role: "operator" }, async (tx) => {
    const finding = (await collectFindings({ db: tx })).find(
      (candidate) => candidate.id === findingId,
    );
    if (!finding) throw new AppError("not_found", { message: "No finding with this id." });
    const previous = await tx.riskAcceptance.findUnique({
      where: { findingId },
      select: { reason: true, expiresAt: true },
    });
    const expiresAt = new Date(input.expiresAt);
    const acceptedBy = caller.actor.label;
    const row = await tx.riskAcceptance.upsert({
      where: { findingId },
      create: {
        findingId,
        rule: finding.rule,
        entityType: finding.entity.type,
        entityId: finding.entity.id,
        reason: input.reason,
        expiresAt,
        acceptedById: caller.actor.id,
        acceptedBy,
      },
      update: {
        reason: input.reason,
        expiresAt,
        acceptedById: caller.actor.id,
        acceptedBy,
        version: { increment: 1 },
      },
      select: { reason: true, expiresAt: true, createdAt: true, updatedAt: true },
    });
    const about = {
      rule: finding.rule,
      entityType: finding.entity.type,
      entityId: finding.entity.id,
    };
    return {
      entityId: findingId,
      before: previous
        ? { ...about, reason: previous.reason, expiresAt: previous.expiresAt.toISOString() }
        : undefined,
      after: { ...about, reason: row.reason, expiresAt: row.expiresAt.toISOString() },
      result: {
        ...finding,
        acceptance: {
          reason: row.reason,
          expiresAt: row.expiresAt.toISOString(),
          acceptedBy,
          acceptedAt: row.updatedAt.toISOString(),
          active: true,
        },
      },
    };
  });
}
