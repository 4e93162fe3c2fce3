import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError, type InvalidParam } from "@/lib/errors";

/**
 * Checks the unique columns first so the form can point at the field; the
 * unique indexes still decide under a race (mapped to a plain 409).
 */
export async function assertIssuerUnique(
  tx: Tx,
  fields: { name?: string; issuerUrl?: string },
  exceptId?: string,
): Promise<void> {
  const clashes = await tx.issuer.findMany({
    where: {
      id: exceptId ? { not: exceptId } : undefined,
      OR: [
        ...(fields.name ? [{ name: fields.name }] : []),
        ...(fields.issuerUrl ? [{ issuerUrl: fields.issuerUrl }] : []),
      ],
    },
    select: { name: true, issuerUrl: true },
  });
  const invalidParams: InvalidParam[] = [];
  for (const clash of clashes) {
    if (fields.name && clash.name === fields.name) {
      invalidParams.push({ name: "name", reason: "another issuer already has this name" });
    }
    if (fields.issuerUrl && clash.issuerUrl === fields.issuerUrl) {
      invalidParams.push({ name: "issuerUrl", reason: `already catalogued as "${clash.name}"` });
    }
  }
  if (invalidParams.length > 0) {
    throw new AppError("conflict", {
      message: "An issuer with the same name or URL already exists.",
      invalidParams,
    });
  }
}
