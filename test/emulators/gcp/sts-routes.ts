import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkAssertion, type AssertionCheck } from "@/test/emulators/assertion-check";
import { readText, sendJson } from "./google-errors";
import type { GcpState, Provider } from "./state";
import { UnsupportedCel } from "./sts-cel";
import { mapAssertion, refuse, type Mapped, type OAuthError } from "./sts-mapping";

// Security Token Service v1 `token`: a workload's OIDC JWT exchanged for a
// federated access token (RFC 8693 token exchange as Google implements it).
// https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token
// Errors are RFC 6749 §5.2 bodies {error, error_description} with HTTP 400;
// the texts are the ones CLOUDS.md 3.8 collects from Google's troubleshooting
// pages and reports (google-github-actions/auth TROUBLESHOOTING,
// https://cloud.google.com/iam/docs/troubleshooting-workload-identity-federation).

import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/credential-marker";

export { EMULATED_CREDENTIAL_MARKER };

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
const SUBJECT_TYPES = new Set([
  "urn:ietf:params:oauth:token-type:jwt",
  "urn:ietf:params:oauth:token-type:id_token",
]);
// Federated access tokens last an hour (expires_in in the reference's example).
const FEDERATED_SECONDS = 3600;
// CLOUDS.md 3.5: exp must be less than 48 hours after iat.
const MAX_TOKEN_SECONDS = 48 * 3600;
const AUDIENCE =
  /^\/\/iam\.googleapis\.com\/(projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+)\/providers\/[^/]+$/;

type StsRequest = {
  grantType: string;
  audience: string;
  scope: string;
  requestedTokenType: string;
  subjectToken: string;
  subjectTokenType: string;
};

const invalidTarget = refuse(
  "invalid_target",
  'The target service indicated by the "audience" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn\'t exist.',
);
const invalidAudienceParameter = refuse(
  "invalid_request",
  'Invalid value for "audience". This value should be the full resource name of the Identity Provider. See https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token for the list of possible formats.',
);

/** The reference documents a JSON body (camelCase); RFC 8693 clients post a form (snake_case). */
async function readRequest(req: IncomingMessage): Promise<StsRequest> {
  const text = await readText(req);
  const isJson = (req.headers["content-type"] ?? "").includes("application/json");
  let read: (camel: string, snake: string) => string;
  if (isJson) {
    let body: Record<string, unknown> = {};
    try {
      body = (JSON.parse(text || "{}") as Record<string, unknown>) ?? {};
    } catch {
      body = {};
    }
    read = (camel) => (typeof body[camel] === "string" ? (body[camel] as string) : "");
  } else {
    const form = new URLSearchParams(text);
    read = (_camel, snake) => form.get(snake) ?? "";
  }
  return {
    grantType: read("grantType", "grant_type"),
    audience: read("audience", "audience"),
    scope: read("scope", "scope"),
    requestedTokenType: read("requestedTokenType", "requested_token_type"),
    subjectToken: read("subjectToken", "subject_token"),
    subjectTokenType: read("subjectTokenType", "subject_token_type"),
  };
}

// The parameter checks' texts are not documented; they name the parameter as Google's do.
function checkParameters(request: StsRequest): OAuthError | null {
  if (request.grantType !== TOKEN_EXCHANGE) {
    return refuse("unsupported_grant_type", `Unsupported grant_type: ${request.grantType}`);
  }
  if (request.requestedTokenType !== ACCESS_TOKEN) {
    return refuse("invalid_request", 'Invalid value for "requested_token_type".');
  }
  if (!SUBJECT_TYPES.has(request.subjectTokenType)) {
    return refuse("invalid_request", 'Invalid value for "subject_token_type".');
  }
  if (!request.subjectToken) return refuse("invalid_request", 'Missing "subject_token".');
  if (!request.scope.trim()) return refuse("invalid_scope", 'Missing "scope".');
  return null;
}

/** CLOUDS.md 3.1: a disabled or deleted provider, or a disabled pool, exchanges nothing. */
function findProvider(state: GcpState, audience: string): Provider | OAuthError {
  const match = AUDIENCE.exec(audience);
  if (!match) return invalidAudienceParameter;
  const provider = state.providers.get(audience.slice("//iam.googleapis.com/".length));
  const pool = state.pools.get(match[1] ?? "");
  const isUsable = (object?: { state: string; disabled: boolean }) =>
    object !== undefined && object.state === "ACTIVE" && !object.disabled;
  if (!isUsable(provider) || !isUsable(pool) || !provider?.oidc) return invalidTarget;
  return provider;
}

// CLOUDS.md 3.5 and 3.8: Google's texts for a stale or expired token and for
// an unreachable issuer; its texts for the other defects are not documented.
function assertionRefusal(check: Extract<AssertionCheck, { ok: false }>): OAuthError {
  if (check.reason === "expired") {
    return refuse(
      "invalid_grant",
      `ID Token issued at ${String(check.claims?.iat)} is stale to sign-in.`,
    );
  }
  if (check.reason === "discovery-failed" || check.reason === "issuer-mismatch") {
    return refuse("invalid_grant", "Error connecting to the given credential's issuer.");
  }
  return refuse("invalid_grant", check.detail);
}

/** CLOUDS.md 3.2: the allowed audiences, or the provider's own name when there are none. */
function audienceRefusal(provider: Provider, aud: unknown): OAuthError | null {
  const allowed = provider.oidc?.allowedAudiences ?? [];
  const own = `//iam.googleapis.com/${provider.name}`;
  const accepted = allowed.length > 0 ? allowed : [own, `https:${own}`];
  const values = Array.isArray(aud) ? aud.map(String) : [String(aud)];
  if (values.some((value) => accepted.includes(value))) return null;
  const expected = allowed.length > 0 ? ` ${allowed.join(", ")}` : "";
  return refuse(
    "invalid_grant",
    `The audience in ID Token [${values.join(", ")}] does not match the expected audience${expected}.`,
  );
}

type FetchJson = (url: string) => Promise<unknown>;

async function exchange(
  state: GcpState,
  request: StsRequest,
  fetchJson?: FetchJson,
): Promise<OAuthError | Mapped> {
  const bad = checkParameters(request);
  if (bad) return bad;
  const provider = findProvider(state, request.audience);
  if ("error" in provider) return provider;
  const check = await checkAssertion(request.subjectToken, {
    algorithms: ["RS256", "ES256"],
    fetchJson,
  });
  if (!check.ok) return assertionRefusal(check);
  const { claims } = check;
  if (typeof claims.iat === "number" && claims.exp! - claims.iat >= MAX_TOKEN_SECONDS) {
    return refuse("invalid_grant", "The ID Token's lifetime exceeds 48 hours.");
  }
  const issuerUri = provider.oidc?.issuerUri ?? "";
  // Compared as written: whether Google normalises a trailing slash is unconfirmed (CLOUDS.md 3.2).
  if (claims.iss !== issuerUri) {
    return refuse(
      "invalid_grant",
      `The issuer in ID Token ${String(claims.iss)} does not match the expected ones: ${issuerUri}`,
    );
  }
  return audienceRefusal(provider, claims.aud) ?? mapAssertion(provider, claims);
}

/** `fetchJson` stands in for fetch when the issuer's name does not resolve (the sandbox's). */
export async function handleSts(
  req: IncomingMessage,
  res: ServerResponse,
  state: GcpState,
  fetchJson?: FetchJson,
) {
  const request = await readRequest(req);
  const outcome = await exchange(state, request, fetchJson).catch((error: unknown) => {
    if (error instanceof UnsupportedCel) return refuse("server_error", error.message, 500);
    throw error;
  });
  state.exchangeCalls.push({
    api: "sts",
    audience: request.audience,
    scope: request.scope,
    subjectTokenType: request.subjectTokenType,
    requestedTokenType: request.requestedTokenType,
    answer: "error" in outcome ? outcome.error : "ok",
  });
  const headers = { "cache-control": "no-store" };
  if ("error" in outcome) {
    const { status, ...body } = outcome;
    sendJson(res, status, body, headers);
    return;
  }
  const accessToken = `${EMULATED_CREDENTIAL_MARKER}.federated.${randomBytes(24).toString("base64url")}`;
  state.federatedTokens.set(accessToken, {
    ...outcome,
    scopes: request.scope.split(/\s+/).filter(Boolean),
    expiresAt: Date.now() + FEDERATED_SECONDS * 1000,
  });
  sendJson(
    res,
    200,
    {
      access_token: accessToken,
      issued_token_type: ACCESS_TOKEN,
      token_type: "Bearer",
      expires_in: FEDERATED_SECONDS,
    },
    headers,
  );
}
