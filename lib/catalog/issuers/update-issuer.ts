import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { assertIssuerUnique } from "@/lib/catalog/issuers/assert-issuer-unique";
import { issuerKindToDb, storedJwks, toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";
import { staleVersionError } from "@/lib/catalog/stale-version";
import type { DbOrTx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { pastedKeys } from "@/lib/tokens/pasted-keys";
import { bothKeySources, type TIssuer, type TIssuerUpdateInput } from "@/lib/schemas/issuer";

/** Applies the fields given; `expectedVersion` is the version the caller edited. */
export async function updateIssuer({
  actor,
  requestId,
  id,
  expectedVersion,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  id: string;
  expectedVersion: number;
  input: TIssuerUpdateInput;
  db?: DbOrTx;
}): Promise<TIssuer> {
  assertRole(actor, "operator");
  return inTransaction(db, async (tx) => {
    // FOR UPDATE through a no-op lock read keeps the version check and the
    // write atomic without relying on the isolation level.
    await tx.$executeRaw`SELECT 1 FROM issuer WHERE id = ${id}::uuid FOR UPDATE`;
    const current = await tx.issuer.findUnique({ where: { id } });
    if (!current) throw new AppError("not_found", { message: "No issuer with this id." });
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "issuer", id, version: current.version });
    }
    await assertIssuerUnique(tx, input, id);
    const jwksUri = input.jwksUri !== undefined ? input.jwksUri : current.jwksUri;
    const pasted = input.jwks !== undefined ? input.jwks : pastedKeys(current.jwks);
    if (jwksUri && pasted) {
      throw new AppError("validation_failed", {
        message: "The issuer would have both a JWKS URL and pasted keys.",
        invalidParams: [{ name: bothKeySources.path[0] ?? "jwks", reason: bothKeySources.message }],
      });
    }
    const row = await tx.issuer.update({
      where: { id },
      data: {
        name: input.name,
        issuerUrl: input.issuerUrl,
        kind: input.kind && issuerKindToDb(input.kind),
        jwksUri: input.jwksUri,
        jwks: input.jwks === null ? Prisma.DbNull : storedJwks(input.jwks),
        notes: input.notes,
        version: { increment: 1 },
      },
    });
    const before = toIssuerDto(current);
    const after = toIssuerDto(row);
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "issuer.update",
      entityType: "issuer",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
