import type { CloudError } from "@/lib/federation/types";

// Entra's token-endpoint errors for a federated client assertion, worded as
// Entra words them (CLOUDS.md 1.8 and the issues it quotes). Trace ids,
// correlation ids and timestamps are left out: Fedlens did not call Entra.

const checkFic =
  "Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.";

function error(code: number, text: string): CloudError {
  return { code: `AADSTS${code}`, message: `AADSTS${code}: ${text}` };
}

/** Entra prints times with seven fractional digits: 2024-10-02T22:05:03.6755165Z. */
export function entraTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return "(none)";
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

// CLOUDS.md 1.8, ADO troubleshooting. The client name is not known here.
export function noCredentialsError(clientId: string | undefined): CloudError {
  return error(
    70025,
    `The client '${clientId ?? "…"}'(…) has no configured federated identity credentials.`,
  );
}

// CLOUDS.md 1.8: the legacy catch-all, before the split codes.
export function legacyMismatchError(): CloudError {
  return error(70021, "No matching federated identity record found for presented assertion.");
}

// CLOUDS.md 1.8 (azwi#1200): the observed text.
export function issuerMismatchError(issuer: string): CloudError {
  return error(
    700211,
    `No matching federated identity record found for presented assertion issuer '${issuer}'. ${checkFic}`,
  );
}

// CLOUDS.md 1.8: "…presented assertion audience '<aud>'…", error invalid_client.
export function audienceMismatchError(audience: string): CloudError {
  return error(
    700212,
    `No matching federated identity record found for presented assertion audience '${audience}'. ${checkFic}`,
  );
}

// CLOUDS.md 1.8 (ADO troubleshooting, Azure/login#482).
export function subjectMismatchError(subject: string): CloudError {
  return error(
    700213,
    `No matching federated identity record found for presented assertion subject '${subject}'. ${checkFic}`,
  );
}

// CLOUDS.md 1.3 and 1.8 (Azure/login#515): the text users quote.
export function subjectCaseMismatchError(subject: string): CloudError {
  return error(
    7002138,
    `No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
  );
}

// CLOUDS.md 1.4 (considerations).
export function entraIssuedError(): CloudError {
  return error(700222, "AAD-issued tokens may not be used for federated identity flows.");
}

// CLOUDS.md 1.4 (microsoft-identity-web#3467).
export function algorithmError(alg: string): CloudError {
  return error(5002738, `Invalid JWT token. '${alg}' is not a supported signature algorithm.`);
}

// CLOUDS.md 1.8: AADSTS50027 covers "External ID token from issuer failed
// signature verification" (error reference).
export function signatureError(): CloudError {
  return error(
    50027,
    "Invalid JWT token. External ID token from issuer failed signature verification.",
  );
}

// CLOUDS.md 1.8: AADSTS50027 also stands for a malformed token.
export function malformedTokenError(): CloudError {
  return error(50027, "JWT token is invalid or malformed.");
}

// CLOUDS.md 1.4 and 1.8 (azwi troubleshooting): Entra could not reach the
// issuer's discovery document or keys.
export function oidcEndpointError(): CloudError {
  return error(90061, "Request to External OIDC endpoint failed.");
}

// CLOUDS.md 1.4 (Azure/login#372; MSAL issues quote the full text). Without
// nbf Entra prints 1970-01-01 as the start.
export function timeRangeError(at: Date, validFrom: Date, expiry: Date): CloudError {
  return error(
    700024,
    `Client assertion is not within its valid time range. Current time: ${entraTime(at)}, assertion valid from ${entraTime(validFrom)}, expiry time of assertion ${entraTime(expiry)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
  );
}

// CLOUDS.md 1.4 and 1.8 (azure-docs#86916): times as epoch seconds, 0 when absent.
export function lifetimeError(iat: number, exp: number): CloudError {
  return error(
    70023,
    `External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00. Token issued at ${iat}. Token expires on ${exp}.`,
  );
}
