import "server-only";
import { auditedUpdate, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { assertIssuerUnique } from "@/lib/catalog/issuers/assert-issuer-unique";
import { issuerKindToDb, storedJwks, toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { pastedKeys } from "@/lib/tokens/pasted-keys";
import { bothKeySources, type TIssuer, type TIssuerUpdateInput } from "@/lib/schemas/issuer";

/** Applies the fields given; `expectedVersion` is the version the caller edited. */
export async function updateIssuer({
  input,
  ...caller
}: VersionedCaller & { input: TIssuerUpdateInput }): Promise<TIssuer> {
  const { id } = caller;
  return auditedUpdate(
    caller,
    {
      action: "issuer.update",
      role: "operator",
      load: (tx) => tx.issuer.findUnique({ where: { id } }),
      toDto: toIssuerDto,
    },
    async (tx, current) => {
      await assertIssuerUnique(tx, input, id);
      const jwksUri = input.jwksUri !== undefined ? input.jwksUri : current.jwksUri;
      const pasted = input.jwks !== undefined ? input.jwks : pastedKeys(current.jwks);
      if (jwksUri && pasted) {
        throw new AppError("validation_failed", {
          message: "The issuer would have both a JWKS URL and pasted keys.",
          invalidParams: [
            { name: bothKeySources.path[0] ?? "jwks", reason: bothKeySources.message },
          ],
        });
      }
      return tx.issuer.update({
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
    },
  );
}
