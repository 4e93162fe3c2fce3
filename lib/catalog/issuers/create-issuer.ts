import "server-only";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { assertIssuerUnique } from "@/lib/catalog/issuers/assert-issuer-unique";
import { issuerKindToDb, storedJwks, toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";
import { Prisma } from "@/lib/db/generated/client";
import type { TIssuer, TIssuerCreateInput } from "@/lib/schemas/issuer";

export async function createIssuer({
  input,
  ...caller
}: MutationCaller & { input: TIssuerCreateInput }): Promise<TIssuer> {
  return auditedMutation(caller, { action: "issuer.create", role: "operator" }, async (tx) => {
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
    return { entityId: issuer.id, after: issuer, result: issuer };
  });
}
