import { randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { IamError, validationError } from "./iam-error";
import { requiredParam } from "./iam-params";
import { ACCOUNT_ID, type IamState, type OidcProvider, newUniqueId } from "./iam-state";
import { STS_NS, type XmlNode, successXml } from "./iam-xml";
import { checkSessionPolicy, packedPolicySize } from "./sts-session-policy";
import { webIdentityConditionKeys } from "./sts-web-identity-keys";
import {
  takeArmedRefusal,
  webIdentityCalls,
  type WebIdentityCall,
} from "./sts-web-identity-record";
import { checkWebIdentityToken } from "./sts-web-identity-token";
import { trustAllows } from "./sts-web-identity-trust";

// AssumeRoleWithWebIdentity: an unsigned Query API call (form-encoded POST)
// answered in XML, decided as CLOUDS.md §2.3 lays out: parameters, the IAM
// OIDC provider for the token's iss, the token itself (discovery, JWKS,
// signature, time), its audience against the provider's client ids, then
// the role's trust policy, then the session limits.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html

export const WEB_IDENTITY_ACTION = "AssumeRoleWithWebIdentity";

import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/credential-marker";

export { EMULATED_CREDENTIAL_MARKER };

export type WebIdentitySettings = {
  /** How the emulator reaches issuers (tests map an https issuer name to a loopback server). */
  fetchJson?: (url: string) => Promise<unknown>;
};

// Session tags an OIDC token passes (the trust policy's sts:TagSession is not modelled).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp
const SESSION_TAGS_CLAIM = "https://aws.amazon.com/tags";

const accessDenied = () =>
  new IamError("AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity");

// RoleSessionName 2–64 of [\w+=,.@-]; DurationSeconds 900–43200 (then the
// role's MaxSessionDuration); WebIdentityToken 4–20000 characters (its value
// is never echoed).
function readParams(params: URLSearchParams) {
  const roleArn = requiredParam(params, "RoleArn");
  const sessionName = requiredParam(params, "RoleSessionName");
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw validationError(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const token = requiredParam(params, "WebIdentityToken");
  if (token.length < 4 || token.length > 20_000) {
    throw validationError(
      "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000",
    );
  }
  const duration = Number(params.get("DurationSeconds") ?? 3600);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
    throw validationError(
      `1 validation error detected: Value '${params.get("DurationSeconds")}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  const policy = params.get("Policy");
  const policyChars = policy === null ? 0 : checkSessionPolicy(policy);
  return { roleArn, sessionName, token, duration, policyChars };
}

/** The provider whose URL (without https://) equals the token's iss; STS never adds a scheme. */
function providerFor(state: IamState, issuer: string): OidcProvider {
  const key = issuer.startsWith("https://") ? issuer.slice("https://".length) : undefined;
  const provider = [...state.providers.values()].find((candidate) => candidate.url === key);
  if (!provider) {
    throw new IamError(
      "InvalidIdentityToken",
      400,
      `No OpenIDConnect provider found in your account for ${issuer}`,
    );
  }
  return provider;
}

function unverifiedClaims(token: string): Record<string, unknown> {
  try {
    return decodeJwt(token);
  } catch {
    throw new IamError("InvalidIdentityToken", 400, "The web identity token is not a valid JWT.");
  }
}

function mint(duration: number) {
  const marker = EMULATED_CREDENTIAL_MARKER;
  return {
    accessKeyId: newUniqueId("ASIA", 16),
    secretAccessKey: `${marker}-${randomBytes(24).toString("base64url")}`,
    sessionToken: `${marker}.${randomBytes(96).toString("base64")}`,
    expiration: new Date(Date.now() + duration * 1000),
  };
}

async function decide(
  state: IamState,
  params: URLSearchParams,
  call: WebIdentityCall,
  settings: WebIdentitySettings,
): Promise<XmlNode> {
  const { roleArn, sessionName, token, duration, policyChars } = readParams(params);
  const unverified = unverifiedClaims(token);
  call.issuer = typeof unverified.iss === "string" ? unverified.iss : undefined;
  call.subject = typeof unverified.sub === "string" ? unverified.sub : undefined;
  const provider = providerFor(state, String(unverified.iss ?? ""));
  const { claims, audience } = await checkWebIdentityToken(token, provider, settings.fetchJson);
  const refusal = takeArmedRefusal(state, ACCOUNT_ID);
  if (refusal) throw refusal;
  const role = [...state.roles.values()].find((candidate) => candidate.arn === roleArn);
  const keys = webIdentityConditionKeys(provider.url, claims, audience);
  if (!role || !trustAllows(role.policy, { providerArn: provider.arn, keys })) throw accessDenied();
  if (duration > role.maxSessionDuration) {
    throw validationError(
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
  const packed = packedPolicySize(policyChars, claims[SESSION_TAGS_CLAIM]);
  const credential = mint(duration);
  call.credential = credential;
  return {
    Credentials: {
      AccessKeyId: credential.accessKeyId,
      SecretAccessKey: credential.secretAccessKey,
      SessionToken: credential.sessionToken,
      Expiration: credential.expiration.toISOString(),
    },
    SubjectFromWebIdentityToken: String(claims.sub),
    AssumedRoleUser: {
      AssumedRoleId: `${role.id}:${sessionName}`,
      Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${role.name}/${sessionName}`,
    },
    PackedPolicySize: packed,
    // For OIDC tokens Provider is the token's iss.
    Provider: String(claims.iss),
    Audience: audience,
  };
}

// Managed session policies arrive as PolicyArns.member.N.arn (PolicyDescriptorType).
// https://docs.aws.amazon.com/STS/latest/APIReference/API_PolicyDescriptorType.html
function policyArns(params: URLSearchParams): string[] {
  const arns: string[] = [];
  for (let i = 1; params.has(`PolicyArns.member.${i}.arn`); i++) {
    arns.push(params.get(`PolicyArns.member.${i}.arn`) ?? "");
  }
  return arns;
}

/** Answers one call and records what it asked for; throws IamError for STS's refusals. */
export async function assumeRoleWithWebIdentity(
  state: IamState,
  params: URLSearchParams,
  request: { signed: boolean },
  settings: WebIdentitySettings = {},
): Promise<XmlNode> {
  const durationSeconds = params.get("DurationSeconds");
  const call: WebIdentityCall = {
    roleArn: params.get("RoleArn"),
    roleSessionName: params.get("RoleSessionName"),
    durationSeconds: durationSeconds === null ? null : Number(durationSeconds),
    policy: params.get("Policy"),
    policyArns: policyArns(params),
    signed: request.signed,
    outcome: "ok",
  };
  webIdentityCalls(state).push(call);
  try {
    return await decide(state, params, call, settings);
  } catch (error) {
    call.outcome = error instanceof IamError ? error.code : "InternalFailure";
    throw error;
  }
}

/** The whole answer for the server: the XML body, or an IamError thrown for STS's refusals. */
export async function webIdentityXml(
  state: IamState,
  params: URLSearchParams,
  requestId: string,
  headers: { authorization?: string },
  settings: WebIdentitySettings = {},
): Promise<string> {
  // STS's API version. https://docs.aws.amazon.com/STS/latest/APIReference/CommonParameters.html
  if (params.get("Version") !== "2011-06-15") {
    throw new IamError(
      "InvalidAction",
      400,
      `Could not find operation ${WEB_IDENTITY_ACTION} for version ${params.get("Version")}`,
    );
  }
  const signed = headers.authorization !== undefined;
  const result = await assumeRoleWithWebIdentity(state, params, { signed }, settings);
  return successXml(WEB_IDENTITY_ACTION, requestId, result, STS_NS);
}
