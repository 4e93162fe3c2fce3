import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { hasRole } from "@/lib/auth/roles";
import { apiTokenSelect, toApiTokenDto } from "@/lib/auth/tokens/api-token-dto";
import {
  generateTokenSecret,
  hashTokenSecret,
  tokenDisplayPrefix,
} from "@/lib/auth/tokens/token-secret";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import {
  tokenExpiresAt,
  type TApiTokenCreateInput,
  type TCreatedApiToken,
} from "@/lib/schemas/api-token";

/**
 * Mints a token owned by `ownerId` (the acting user unless the system acts).
 * The secret is returned once and only its SHA-256 is stored; it expires
 * after 90 days unless the input says otherwise.
 */
export async function createApiToken({
  actor,
  requestId,
  input,
  ownerId,
  db,
}: {
  actor: Actor;
  requestId: string;
  input: TApiTokenCreateInput;
  ownerId?: string;
  db?: DbOrTx;
}): Promise<TCreatedApiToken> {
  assertRole(actor, "admin");
  if (actor.role && !hasRole(actor.role, input.role)) {
    throw new AppError("forbidden", { message: "A token cannot have a role above your own." });
  }
  const createdById = ownerId ?? actor.userId;
  if (!createdById) throw new AppError("bad_request", { message: "A token needs an owning user." });
  const secret = generateTokenSecret();
  return inTransaction(db, async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        tokenHash: hashTokenSecret(secret),
        tokenPrefix: tokenDisplayPrefix(secret),
        createdById,
        expiresAt: tokenExpiresAt(input.expiresInDays, new Date()),
      },
      select: apiTokenSelect,
    });
    const token = toApiTokenDto(row);
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "api_token.create",
      entityType: "api_token",
      entityId: token.id,
      after: token,
    });
    return { ...token, token: secret };
  });
}
