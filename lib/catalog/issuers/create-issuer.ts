import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { assertIssuerUnique } from "@/lib/catalog/issuers/assert-issuer-unique";
import { issuerKindToDb, storedJwks, toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";
import type { DbOrTx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import type { TIssuer, TIssuerCreateInput } from "@/lib/schemas/issuer";

export async function createIssuer({
  actor,
  requestId,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  input: TIssuerCreateInput;
  db?: DbOrTx;
}): Promise<TIssuer> {
  assertRole(actor, "operator");
  return inTransaction(db, async (tx) => {
    await assertIssuerUnique(tx, input);
    const row = await tx.issuer.create({
      data: {
        name: input.name,
        issuerUrl: input.issuerUrl,
        kind: issuerKindToDb(input.kind),
        jwksUri: input.jwksUri ?? null,
        jwks: storedJwks(input.jwks) ?? Prisma.DbNull,
        notes: input.notes ?? "",
      },
    });
    const issuer = toIssuerDto(row);
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "issuer.create",
      entityType: "issuer",
      entityId: issuer.id,
      after: issuer,
    });
    return issuer;
  });
}
