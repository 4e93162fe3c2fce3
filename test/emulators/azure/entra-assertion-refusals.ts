import type { JWTPayload } from "jose";
import type { AssertionFailure } from "../assertion-check";
import type { FicRefusal } from "./entra-assertion-match";

// What Entra answers for an assertion that fails before any FIC is compared
// (CLOUDS.md §1.4, §1.8). Entra refuses a presented assertion as
// invalid_client, with 401 (https://github.com/microsoft/Agents/issues/202);
// an issuer whose keys it cannot read as 400 invalid_request, AADSTS90061
// (https://github.com/Azure/azure-workload-identity/issues/605). AADSTS50027
// is the generic invalid-JWT code
// (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes).
export const invalidAssertion: Record<AssertionFailure, FicRefusal> = {
  malformed: { code: 50027, text: "JWT token is invalid or malformed." },
  "missing-claim": { code: 50027, text: "JWT token is invalid or malformed." },
  "unknown-key": { code: 50027, text: "JWT token is invalid or malformed." },
  "bad-signature": { code: 50027, text: "JWT token is invalid or malformed." },
  "unsupported-algorithm": { code: 5002738, text: "" },
  "discovery-failed": { code: 90061, text: "Request to External OIDC endpoint failed." },
  "issuer-mismatch": { code: 90061, text: "Request to External OIDC endpoint failed." },
  expired: { code: 700024, text: "" },
  "not-yet-valid": { code: 700024, text: "" },
};

const isoTime = (seconds: unknown) =>
  new Date((typeof seconds === "number" ? seconds : 0) * 1000).toISOString();

// Entra accepts RS256 only; ES256 was refused with AADSTS5002738
// (https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations,
// https://github.com/AzureAD/microsoft-identity-web/issues/3467). Outside its
// time range: AADSTS700024 (https://github.com/Azure/login/issues/372).
export function describeFailure(
  reason: AssertionFailure,
  claims: Record<string, unknown>,
  alg: string,
) {
  const refusal = invalidAssertion[reason];
  if (refusal.code === 5002738)
    return {
      ...refusal,
      text: `Invalid JWT token. '${alg}' is not a supported signature algorithm.`,
    };
  if (refusal.code === 700024)
    return {
      ...refusal,
      text: `Client assertion is not within its valid time range. Current time: ${new Date().toISOString()}, assertion valid from ${isoTime(claims.nbf ?? claims.iat)}, expiry time of assertion ${isoTime(claims.exp)}.`,
    };
  return refusal;
}

// External tokens may live at most 1.01:00:00 and must carry iat, else
// AADSTS70023 with the raw iat and exp (CLOUDS.md §1.4;
// https://github.com/MicrosoftDocs/azure-docs/issues/86916).
const MAX_LIFETIME_SECONDS = 25 * 3600;
export function refuseLifetime(claims: JWTPayload): FicRefusal | undefined {
  const iat = typeof claims.iat === "number" ? claims.iat : 0;
  const exp = typeof claims.exp === "number" ? claims.exp : 0;
  if (iat > 0 && exp - iat <= MAX_LIFETIME_SECONDS) return undefined;
  return {
    code: 70023,
    text: `External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00. Token issued at ${iat}. Token expires on ${exp}.`,
  };
}
