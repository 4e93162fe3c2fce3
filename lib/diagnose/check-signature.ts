import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { hasRole } from "@/lib/auth/roles";
import { issuerOrigin, type CatalogIssuer } from "@/lib/diagnose/issuer-candidates";
import { toStorableText } from "@/lib/http/find-unstorable-text";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { safeFetchJson } from "@/lib/http/safe-fetch";
import { fetchIssuerKeySet } from "@/lib/tokens/fetch-key-set";
import { keysForIssuer } from "@/lib/tokens/key-source";
import { pastedKeys } from "@/lib/tokens/pasted-keys";
import { verifySignature } from "@/lib/tokens/verify";

const uncataloguedFetchRule = { limit: 6, windowSeconds: 60 };

export type SignatureResult = {
  status: "valid" | "invalid" | "unverifiable";
  reason?: string;
  message: string;
  issuerId?: string;
  kid?: string;
  alg?: string;
  warnings?: string[];
  /** Where the keys came from, for the page: the JWKS URL, or the pasted keys. */
  keysFrom?: string;
};

/**
 * Verifies with keys Fedlens chooses (SECURITY.md 1.1 step 5): the catalogued
 * issuer's cached key set, or, for an issuer not in the catalogue, a one-off
 * fetch of its discovery document, which sends Fedlens to a URL the token
 * named and so needs the operator role (issue 4 §4).
 */
export async function checkSignature(
  token: string,
  header: Record<string, unknown>,
  iss: string,
  issuer: CatalogIssuer | null,
  actor: Actor,
): Promise<SignatureResult> {
  if (issuer) {
    const keys = await keysForIssuer(issuer, { kid: header.kid });
    if (!keys.ok)
      return {
        status: "unverifiable",
        reason: keys.reason,
        message: keys.message,
        issuerId: issuer.id,
      };
    const verdict = await verifySignature(token, keys.jwks);
    const keysFrom =
      keys.jwksUri ?? (pastedKeys(issuer.jwks) ? "the keys pasted into the catalogue" : undefined);
    return { ...verdict, issuerId: issuer.id, keysFrom };
  }
  if (actor.role === null || !hasRole(actor.role, "operator")) {
    return {
      status: "unverifiable",
      reason: "issuer_not_catalogued",
      message:
        "The token's issuer is not in the catalogue; an operator can add it, or diagnose to fetch its keys once.",
    };
  }
  // A cooldown per host: pasted tokens must not turn Fedlens into a request
  // cannon aimed at whatever `iss` they name (SECURITY.md 3.6).
  const host = issuerOrigin(iss) ?? toStorableText(iss, 100);
  const cooldown = await consumeRateLimit(`diagnose:fetch:${host}`, uncataloguedFetchRule);
  if (!cooldown.allowed) {
    return {
      status: "unverifiable",
      reason: "keys_unavailable",
      message: `Keys of ${host} were fetched too often; try again in ${cooldown.retryAfterSeconds} s, or catalogue the issuer so its keys are cached.`,
    };
  }
  const fetched = await fetchIssuerKeySet({ issuerUrl: iss, jwksUri: null }, safeFetchJson);
  if (!fetched.ok)
    return { status: "unverifiable", reason: "keys_unavailable", message: fetched.error };
  const verdict = await verifySignature(token, { keys: fetched.keys });
  return { ...verdict, keysFrom: fetched.jwksUri };
}
