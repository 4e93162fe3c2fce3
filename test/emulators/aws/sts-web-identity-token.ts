import { checkAssertion, type AssertionCheck } from "../assertion-check";
import { IamError } from "./iam-error";
import type { OidcProvider } from "./iam-state";

// The token checks of AssumeRoleWithWebIdentity once the provider is found
// (CLOUDS.md §2.3 steps 2–4, §2.7, §2.8): the issuer's discovery and JWKS,
// an RSA or ECDSA signature (EdDSA is refused), the time, then aud (or azp)
// against the provider's client ids. Messages are STS's where CLOUDS.md
// quotes them; where STS's text varies or is unknown, the emulator words it.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors

// RSA since the start; ECDSA since Nov 2024 (CLOUDS.md §2.7).
const ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

const invalid = (message: string) => new IamError("InvalidIdentityToken", 400, message);

const keyNotRetrieved = () =>
  invalid(
    "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
  );

function refusal(check: Extract<AssertionCheck, { ok: false }>): IamError {
  switch (check.reason) {
    case "missing-claim":
      return invalid(`Missing a required claim: ${/no (\w+) claim/.exec(check.detail)?.[1] ?? ""}`);
    case "expired": {
      const exp = Number(check.claims?.exp);
      const now = Math.floor(Date.now() / 1000);
      return new IamError(
        "ExpiredTokenException",
        400,
        `Token expired: current date/time ${now} must be before the expiration date/time ${exp}`,
      );
    }
    // The IdP could not be reached: transient, the caller may retry.
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
    case "discovery-failed":
      return new IamError(
        "IDPCommunicationError",
        400,
        "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.",
      );
    case "issuer-mismatch":
    case "unknown-key":
      return keyNotRetrieved();
    case "unsupported-algorithm":
      return invalid("The web identity token is signed with an unsupported algorithm.");
    case "not-yet-valid":
      return invalid("The web identity token is not valid yet.");
    case "malformed":
      return invalid("The web identity token is not a valid JWT.");
    case "bad-signature":
      return invalid("The web identity token's signature could not be verified.");
  }
}

async function fetchJsonOnce(url: string): Promise<unknown> {
  // STS gives up on an issuer after about five seconds (CLOUDS.md §2.3 step 2).
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

const audiences = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === "string",
  );

/** The verified claims and the client id the token was accepted for. */
export async function checkWebIdentityToken(
  token: string,
  provider: OidcProvider,
  fetchJson: (url: string) => Promise<unknown> = fetchJsonOnce,
): Promise<{ claims: Record<string, unknown>; audience: string }> {
  const check = await checkAssertion(token, { algorithms: ALGORITHMS, fetchJson });
  if (!check.ok) throw refusal(check);
  // Google-style tokens name the client in azp; either it or an aud value
  // must be one of the provider's client ids (CLOUDS.md §2.4).
  const candidates = [...audiences(check.claims.azp), ...audiences(check.claims.aud)];
  const audience = candidates.find((candidate) => provider.clientIds.includes(candidate));
  if (audience === undefined) throw invalid("Incorrect token audience");
  return { claims: check.claims, audience };
}
