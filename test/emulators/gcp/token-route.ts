import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose";
import { readText, sendJson } from "./google-errors";
import type { GcpState } from "./state";

// Google's OAuth 2.0 token endpoint for a service-account key: the JWT bearer
// grant (RFC 7523 §2.1). The assertion is RS256-signed by the key, iss is the
// service account's email, aud the token endpoint, exp at most an hour after
// iat, and scope names what the token is for.
// https://developers.google.com/identity/protocols/oauth2/service-account#httprest
// https://datatracker.ietf.org/doc/html/rfc7523#section-3
const GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const TOKEN_SECONDS = 3599;

type OAuthError = { error: string; error_description: string };
const invalidGrant = (description: string): OAuthError => ({
  error: "invalid_grant",
  error_description: description,
});
const shortLived =
  "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.";

async function check(
  form: URLSearchParams,
  state: GcpState,
  tokenUrl: string,
): Promise<OAuthError | { email: string }> {
  const grantType = form.get("grant_type");
  if (grantType !== GRANT) {
    return {
      error: "unsupported_grant_type",
      error_description: `Invalid grant_type: ${grantType ?? ""}`,
    };
  }
  const assertion = form.get("assertion") ?? "";
  let claims: JWTPayload;
  try {
    decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    return invalidGrant("Invalid JWT: Malformed assertion.");
  }
  const key = typeof claims.iss === "string" ? state.keys.get(claims.iss) : undefined;
  if (!key || !claims.iss) return invalidGrant("Invalid grant: account not found");
  try {
    await compactVerify(assertion, key.publicKey, { algorithms: ["RS256"] });
  } catch {
    return invalidGrant("Invalid JWT Signature.");
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(tokenUrl)) return invalidGrant("Invalid JWT: Failed audience check.");
  const now = Math.floor(Date.now() / 1000);
  const { exp, iat } = claims;
  if (!exp || !iat || exp <= now || exp - iat > 3600 || iat > now + 300) {
    return invalidGrant(shortLived);
  }
  if (typeof claims.scope !== "string" || claims.scope.trim() === "") {
    return { error: "invalid_scope", error_description: "Empty or missing scope not allowed." };
  }
  if (state.serviceAccounts.get(claims.iss)?.disabled) return invalidGrant("Account disabled");
  return { email: claims.iss };
}

export async function handleToken(
  req: IncomingMessage,
  res: ServerResponse,
  state: GcpState,
  tokenUrl: string,
) {
  const form = new URLSearchParams(await readText(req));
  const outcome = await check(form, state, tokenUrl);
  if ("error" in outcome) {
    sendJson(res, 400, outcome, { "cache-control": "no-store" });
    return;
  }
  const accessToken = `ya29.emulator-${randomBytes(24).toString("base64url")}`;
  state.tokens.set(accessToken, outcome.email);
  sendJson(
    res,
    200,
    { access_token: accessToken, expires_in: TOKEN_SECONDS, token_type: "Bearer" },
    { "cache-control": "no-store" },
  );
}
