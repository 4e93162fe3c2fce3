import "server-only";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import {
  buildSubject,
  subjectSpecKindFor,
  type TSubjectSpec,
} from "@/lib/catalog/subjects/subject-spec";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Checks the subject builder suits the issuer (a GitHub spec on a GitHub
 * issuer) and returns the `sub` it produces.
 */
export async function resolveWorkloadSubject(
  tx: Tx,
  issuerId: string,
  spec: TSubjectSpec,
): Promise<string> {
  const issuer = await tx.issuer.findUnique({
    where: { id: issuerId },
    select: { kind: true, name: true },
  });
  if (!issuer) {
    throw new AppError("validation_failed", {
      message: "The issuer does not exist.",
      invalidParams: [{ name: "issuerId", reason: "no issuer with this id" }],
    });
  }
  const expected = subjectSpecKindFor(issuerKindFromDb(issuer.kind));
  if (spec.kind !== expected) {
    throw new AppError("validation_failed", {
      message: `Subjects of ${issuer.name} are described with the ${expected} builder.`,
      invalidParams: [
        { name: "subjectSpec.kind", reason: `must be "${expected}" for this issuer` },
      ],
    });
  }
  return buildSubject(spec);
}
