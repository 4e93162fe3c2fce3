import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  errorInfo,
  fail,
  googleError,
  GoogleErrorThrown,
  readJsonObject,
  sendJson,
} from "./google-errors";
import type { FederatedToken, GcpState } from "./state";
import { EMULATED_CREDENTIAL_MARKER } from "./sts-routes";

// IAM Service Account Credentials v1 generateAccessToken, called with a
// federated access token from the emulated STS (service-account
// impersonation, CLOUDS.md 3.7).
// https://cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateAccessToken
// https://cloud.google.com/iam/docs/workload-identity-federation-with-other-providers#impersonation

export const GENERATE_ACCESS_TOKEN =
  /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/:]+):generateAccessToken$/;
const PERMISSION = "iam.serviceAccounts.getAccessToken";
// Both predefined roles hold iam.serviceAccounts.getAccessToken
// (https://cloud.google.com/iam/docs/roles-permissions/iam); Google's WIF
// guides grant the first. Conditional bindings are not evaluated here, so
// they grant nothing.
const GRANTING_ROLES = new Set([
  "roles/iam.workloadIdentityUser",
  "roles/iam.serviceAccountTokenCreator",
]);
// The method accepts a token carrying one of these OAuth scopes (the
// reference's "Authorization scopes").
const CALLER_SCOPES = [
  "https://www.googleapis.com/auth/iam",
  "https://www.googleapis.com/auth/cloud-platform",
];
// "By default, the maximum allowed value is 1 hour"; CLOUDS.md 3.8 has the refusal's text.
const MAX_LIFETIME_SECONDS = 3600;

// CLOUDS.md 3.7 (auth TROUBLESHOOTING, auth#340): the same answer for a
// missing grant and for a service account the caller may not see.
const denied = googleError(
  403,
  "PERMISSION_DENIED",
  `Permission '${PERMISSION}' denied on resource (or it may not exist).`,
  [errorInfo("IAM_PERMISSION_DENIED", "iam.googleapis.com", { permission: PERMISSION })],
);

/** The members of a pool an IAM binding can name for this token (principal identifiers). */
function membersFor(token: FederatedToken): string[] {
  const pool = `iam.googleapis.com/${token.pool}`;
  return [
    `principal://${pool}/subject/${token.subject}`,
    ...Object.entries(token.attributes).map(
      ([name, value]) => `principalSet://${pool}/attribute.${name}/${value}`,
    ),
    `principalSet://${pool}/*`,
  ];
}

function isGranted(state: GcpState, email: string, token: FederatedToken): boolean {
  const members = new Set(membersFor(token));
  return (state.policies.get(email)?.bindings ?? []).some(
    (binding) =>
      !binding.condition &&
      GRANTING_ROLES.has(binding.role) &&
      binding.members.some((member) => members.has(member)),
  );
}

function federatedToken(req: IncomingMessage, state: GcpState): FederatedToken {
  const header = req.headers.authorization ?? "";
  const token = state.federatedTokens.get(header.startsWith("Bearer ") ? header.slice(7) : "");
  if (!token || token.expiresAt <= Date.now()) {
    fail(
      401,
      "UNAUTHENTICATED",
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    );
  }
  if (!CALLER_SCOPES.some((scope) => token.scopes.includes(scope))) {
    // https://cloud.google.com/apis/design/errors#error_info (ACCESS_TOKEN_SCOPE_INSUFFICIENT)
    fail(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", [
      errorInfo("ACCESS_TOKEN_SCOPE_INSUFFICIENT", "googleapis.com", {
        service: "iamcredentials.googleapis.com",
        method: "google.iam.credentials.v1.IAMCredentials.GenerateAccessToken",
      }),
    ]);
  }
  return token;
}

/** A google.protobuf.Duration in JSON: seconds with an "s" suffix; an hour when absent. */
function readLifetime(lifetime: string | null): number {
  if (lifetime === null) return MAX_LIFETIME_SECONDS;
  const match = /^(\d+)(?:\.\d+)?s$/.exec(lifetime);
  if (!match)
    fail(
      400,
      "INVALID_ARGUMENT",
      "Invalid value at 'lifetime' (type.googleapis.com/google.protobuf.Duration).",
    );
  const seconds = Number(match[1]);
  if (seconds > MAX_LIFETIME_SECONDS) {
    fail(400, "INVALID_ARGUMENT", "The access token lifetime cannot exceed 3600 seconds.");
  }
  return seconds;
}

type Call = Extract<GcpState["exchangeCalls"][number], { api: "iamcredentials" }>;

function generate(req: IncomingMessage, state: GcpState, project: string, call: Call) {
  // "The - wildcard character is required; replacing it with a project ID is invalid."
  if (project !== "-") fail(400, "INVALID_ARGUMENT", "The project must be the - wildcard.");
  const token = federatedToken(req, state);
  call.principal = membersFor(token)[0] ?? null;
  if (call.scope.length === 0) fail(400, "INVALID_ARGUMENT", "At least one scope is required.");
  const lifetime = readLifetime(call.lifetime);
  const key = call.serviceAccount;
  const account = [...state.serviceAccounts.values()].find(
    (sa) => sa.email === key || sa.uniqueId === key,
  );
  // [observed] A service account that does not exist is answered 404 with
  // IAM's lookup text; one the caller may not use, 403.
  if (!account) fail(404, "NOT_FOUND", `Not found; Gaia id not found for email ${key}`);
  if (account.disabled || !isGranted(state, account.email, token)) {
    fail(denied.code, denied.status, denied.message, denied.details);
  }
  const accessToken = `ya29.${EMULATED_CREDENTIAL_MARKER}.${randomBytes(24).toString("base64url")}`;
  // The service account's token works on the emulated APIs like a key's (and lets tests fingerprint it).
  state.tokens.set(accessToken, account.email);
  return {
    accessToken,
    expireTime: new Date(Date.now() + lifetime * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

/** Answers one generateAccessToken call; Google errors are thrown for the server to send. */
export async function handleGenerateAccessToken(
  req: IncomingMessage,
  res: ServerResponse,
  state: GcpState,
  match: RegExpExecArray,
) {
  const body = await readJsonObject(req);
  const call: Call = {
    api: "iamcredentials",
    serviceAccount: match[2] ?? "",
    principal: null,
    scope: Array.isArray(body.scope) ? body.scope.filter((s) => typeof s === "string") : [],
    lifetime: body.lifetime === undefined ? null : String(body.lifetime),
    answer: "ok",
  };
  state.exchangeCalls.push(call);
  try {
    sendJson(res, 200, generate(req, state, match[1] ?? "", call));
  } catch (error) {
    if (error instanceof GoogleErrorThrown) call.answer = error.error.status;
    throw error;
  }
}
