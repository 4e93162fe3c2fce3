import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import type { SignatureResult } from "@/lib/diagnose/check-signature";
import type { BindingResult } from "@/lib/diagnose/evaluate-catalogue";
import type { ReadToken } from "@/lib/diagnose/read-token";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import { isUndecided } from "@/lib/federation/types";
import { toStorableJson, toStorableText } from "@/lib/http/find-unstorable-text";

// A claim may hold NUL or a lone surrogate (SECURITY.md J5, J20); the history
// keeps it written visibly instead of failing the diagnosis.
const text = (value: unknown, max: number) =>
  typeof value === "string" ? toStorableText(value, max) : null;
const seconds = (value: unknown) =>
  typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : null;

/**
 * The diagnose history keeps the token's SHA-256 and a few claims, never the
 * token (SECURITY.md 3.7); the audit trail records the same diagnosis (hash,
 * issuer, verdict counts) in the same transaction (issue 15 §7).
 */
export async function recordDiagnosis(
  db: DbOrTx,
  {
    actor,
    requestId,
    decoded,
    signature,
    results,
    issuerId,
  }: {
    actor: Actor;
    requestId: string;
    decoded: ReadToken;
    signature: SignatureResult;
    results: BindingResult[];
    /** The catalogued issuer whose iss matches exactly, if any. */
    issuerId: string | null;
  },
): Promise<void> {
  const { claims, header } = decoded;
  const aud =
    typeof claims.aud === "string" || Array.isArray(claims.aud)
      ? (toStorableJson(claims.aud) as Prisma.InputJsonValue)
      : undefined;
  const counts = {
    accepted: results.filter(({ evaluation }) => evaluation.accepted).length,
    rejected: results.filter(
      ({ evaluation }) => !evaluation.accepted && !isUndecided(evaluation.cloudError),
    ).length,
    undecided: results.filter(({ evaluation }) => isUndecided(evaluation.cloudError)).length,
  };
  const iss = text(claims.iss, 600);
  await inTransaction(db, async (tx) => {
    const row = await tx.diagnosedToken.create({
      data: {
        userId: actor.userId,
        tokenSha256: decoded.sha256,
        iss,
        sub: text(claims.sub, 1024),
        aud,
        exp: seconds(claims.exp),
        iat: seconds(claims.iat),
        jti: text(claims.jti, 256),
        kid: text(header.kid, 256),
        alg: text(header.alg, 32),
        signature: signature.status,
        ...counts,
      },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "token.diagnose",
      entityType: "diagnosis",
      entityId: row.id,
      after: { tokenSha256: decoded.sha256, iss, issuerId, signature: signature.status, ...counts },
    });
  });
}
