import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { checkSignature } from "@/lib/diagnose/check-signature";
import type { Diagnosis, IssuerRef } from "@/lib/diagnose/diagnosis";
import { evaluateCatalogue } from "@/lib/diagnose/evaluate-catalogue";
import { loadCatalogueBindings } from "@/lib/diagnose/load-catalogue-bindings";
import {
  findIssuerCandidates,
  issuerOrigin,
  type CatalogIssuer,
} from "@/lib/diagnose/issuer-candidates";
import { recordDiagnosis } from "@/lib/diagnose/record-diagnosis";
import { readToken } from "@/lib/diagnose/read-token";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { TokenFacts } from "@/lib/federation/types";
import { checkClaims } from "@/lib/tokens/claim-checks";

export type { Diagnosis };

const ref = ({ id, name, issuerUrl }: CatalogIssuer): IssuerRef => ({ id, name, issuerUrl });

/**
 * The diagnose pipeline (issue 4): strict decode, signature with keys Fedlens
 * chooses, claim checks jose does not make, then every binding of the token's
 * issuer (and its look-alikes) under its cloud's rules. The token itself is
 * never stored or logged: only its SHA-256 and a few claims (SECURITY.md 3.7).
 */
export async function diagnoseToken({
  actor,
  token,
  requestId = randomUUID(),
  db = getDb(),
  at = new Date(),
}: {
  actor: Actor;
  token: string;
  /** Ties the audit event to the request; callers outside a request get a fresh one. */
  requestId?: string;
  db?: DbOrTx;
  at?: Date;
}): Promise<Diagnosis> {
  const decoded = readToken(token);
  const iss = typeof decoded.claims.iss === "string" ? decoded.claims.iss : "";
  const origin = issuerOrigin(iss);
  // Independent lookups go out together; evaluation waits for the signature verdict.
  const [candidates, bindings] = await Promise.all([
    findIssuerCandidates(db, iss),
    loadCatalogueBindings(db, { iss, origin }),
  ]);
  const lookedAt = [candidates.exact, ...candidates.nearMisses].flatMap((issuer) =>
    issuer ? [issuer.id] : [],
  );
  const [signature, otherIssuers] = await Promise.all([
    checkSignature(decoded.text, decoded.header, iss, candidates.exact, actor),
    db.issuer.findMany({
      where: { id: { notIn: lookedAt } },
      select: { id: true, name: true, issuerUrl: true },
      orderBy: { name: "asc" },
      take: 20,
    }),
  ]);
  const facts: TokenFacts = {
    header: decoded.header,
    claims: decoded.claims,
    signature: signature.status,
    signatureReason: signature.message,
  };
  const results = evaluateCatalogue(bindings, { iss, token: facts, at });
  await recordDiagnosis(db, {
    actor,
    requestId,
    decoded,
    signature,
    results,
    issuerId: candidates.exact?.id ?? null,
  });
  return {
    tokenSha256: decoded.sha256,
    header: decoded.header,
    claims: decoded.claims,
    warnings: decoded.warnings,
    claimIssues: checkClaims(decoded.claims, { now: at }),
    issuer: {
      exact: candidates.exact && ref(candidates.exact),
      nearMisses: candidates.nearMisses.map(ref),
    },
    signature,
    results,
    otherIssuers,
    evaluatedAt: at.toISOString(),
  };
}
