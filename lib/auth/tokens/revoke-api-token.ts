import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { apiTokenSelect, toApiTokenDto } from "@/lib/auth/tokens/api-token-dto";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import type { TApiToken } from "@/lib/schemas/api-token";

/** Revoking is idempotent: a second call returns the token as it is. */
export async function revokeApiToken({
  actor,
  requestId,
  id,
  db,
}: {
  actor: Actor;
  requestId: string;
  id: string;
  db?: DbOrTx;
}): Promise<TApiToken> {
  assertRole(actor, "admin");
  return inTransaction(db, async (tx) => {
    const current = await tx.apiToken.findUnique({ where: { id }, select: apiTokenSelect });
    if (!current) throw new AppError("not_found", { message: "No API token with this id." });
    if (current.revokedAt) return toApiTokenDto(current);
    const row = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: new Date() },
      select: apiTokenSelect,
    });
    const before = toApiTokenDto(current);
    const after = toApiTokenDto(row);
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
