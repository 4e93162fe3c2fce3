import type { CloudError, CloudErrorKind } from "@/lib/clouds/adapter-types";
import { explainGcpError } from "@/lib/clouds/gcp/adapter/explain";
import { readGoogleFailure } from "@/lib/clouds/gcp/adapter/google-error";

// What Google's answer to a refused exchange means, in plain words: the STS
// token exchange answers RFC 6749 §5.2 {error, error_description}; the
// impersonation call (generateAccessToken) answers a google.rpc.Status.
// Google's code and message are kept verbatim; the table adds our cause and
// fix (CLOUDS.md 3.2-3.8, from
// https://cloud.google.com/iam/docs/troubleshooting-workload-identity-federation
// and https://github.com/google-github-actions/auth/blob/main/docs/TROUBLESHOOTING.md).

export type ExchangeStage = "sts" | "impersonation";

/** What the table needs to name the objects involved; nothing secret. */
export type ExchangeErrorContext = {
  /** The provider's full resource name (the STS audience). */
  provider: string;
  serviceAccount?: string;
  /** The member the catalogue binding grants, when it names one. */
  member?: string;
  role?: string;
};

type Advice = { kind: CloudErrorKind; cause: string; fix: string };
type Row = { code: string; match?: RegExp; advice: (context: ExchangeErrorContext) => Advice };

// Google applies changes to pools, providers and IAM within about 5 minutes (CLOUDS.md 3.7).
const propagation = "A change made in the last few minutes may not have reached Google yet.";
const defaultAudience = (provider: string) => `https:${provider}`;

const stsRows: Row[] = [
  {
    code: "invalid_grant",
    match: /audience in ID Token/,
    advice: ({ provider }) => ({
      kind: "denied",
      cause:
        "The token's audience is not one the provider accepts: one of its allowed audiences or, when it lists none, the provider's own name with the project number.",
      fix: `Request the token for ${defaultAudience(provider)} (or one of the provider's allowed audiences), or add the token's audience to the provider's allowed audiences.`,
    }),
  },
  {
    code: "invalid_grant",
    match: /issuer in ID Token/,
    advice: () => ({
      kind: "denied",
      cause: "The token's issuer is not the issuer URL the provider is set up with.",
      fix: "Set the provider's issuer URL to exactly the token's issuer, trailing slash included, or send a token from that issuer.",
    }),
  },
  {
    code: "invalid_grant",
    match: /stale to sign-in/,
    advice: () => ({
      kind: "denied",
      cause: "The token has expired, or was issued too long ago for Google to accept it.",
      fix: "Try again with a freshly issued token, and check that the issuer's clock is right.",
    }),
  },
  {
    code: "invalid_grant",
    match: /Error connecting to the given credential's issuer/,
    advice: () => ({
      kind: "denied",
      cause:
        "Google could not read the issuer's discovery document or signing keys: they are not reachable from the internet, or the token's issuer is wrong.",
      fix: "Make the issuer's discovery document and keys publicly reachable, or upload the keys to the provider (JWKS JSON).",
    }),
  },
  {
    code: "invalid_grant",
    advice: () => ({
      kind: "denied",
      cause:
        "Google refused the token itself: its signature, algorithm, key ID, lifetime or claims are not acceptable.",
      fix: "Check that the token is signed with RS256 or ES256 by a key the issuer publishes, carries kid, sub and exp, and lives under 48 hours.",
    }),
  },
  {
    code: "unauthorized_client",
    match: /attribute condition/,
    advice: () => ({
      kind: "denied",
      cause: "The provider's attribute condition is false for this token.",
      fix: "Compare the token's claims with the provider's attribute condition (values are case-sensitive), then fix whichever is wrong.",
    }),
  },
  {
    code: "unauthorized_client",
    advice: () => ({
      kind: "denied",
      cause:
        "The provider's attribute mapping produces a value Google does not accept for this token (google.subject must be a string).",
      fix: "Map google.subject to a claim itself, such as assertion.sub, and put comparisons in the attribute condition.",
    }),
  },
  {
    code: "invalid_target",
    advice: ({ provider }) => ({
      kind: "not-found",
      cause: `Google has no usable provider ${provider}: it, or its pool, does not exist, is disabled or was deleted, or the project number is wrong.`,
      fix: `Check the project number, pool and provider IDs, and enable or restore the pool and the provider. ${propagation}`,
    }),
  },
  {
    code: "invalid_request",
    match: /size of mapped attribute/,
    advice: () => ({
      kind: "invalid",
      cause:
        "A mapped attribute, usually google.subject, is longer than Google's 127-byte limit for this token (long repository or branch names).",
      fix: "Shorten it in the provider's attribute mapping, for example with extract(), or map a shorter claim.",
    }),
  },
  {
    code: "invalid_request",
    match: /Invalid value for "audience"/,
    advice: ({ provider }) => ({
      kind: "invalid",
      cause: `Google does not read ${provider} as a provider's full resource name.`,
      fix: "Check the target's project number, pool and provider IDs.",
    }),
  },
  {
    code: "invalid_request",
    advice: () => ({
      kind: "invalid",
      cause: "Google's token exchange refused the request as malformed for this token.",
      fix: "Check the provider's attribute mapping against the token's claims and read Google's message above.",
    }),
  },
];

const impersonationRows: Row[] = [
  {
    code: "PERMISSION_DENIED",
    match: /iam\.serviceAccounts\.getAccessToken/,
    advice: ({ serviceAccount, member, role }) => ({
      kind: "denied",
      cause: `Google admitted the token but will not let it act as ${serviceAccount ?? "the service account"}: the service account's IAM policy does not grant ${role ?? "roles/iam.workloadIdentityUser"} to the principal the token maps to${member ? ` (the catalogue expects ${member})` : ""}, the attribute the grant names is not mapped, or the service account does not exist. ${propagation}`,
      fix: `Grant ${role ?? "roles/iam.workloadIdentityUser"} on ${serviceAccount ?? "the service account"} to ${member ?? "the token's principal"} (or check the provider's mapping produces that principal), then try again after a few minutes.`,
    }),
  },
  {
    code: "PERMISSION_DENIED",
    advice: () => ({
      kind: "denied",
      cause: "Google refused the federated token for service-account impersonation.",
      fix: "Read Google's message above; if it names scopes, report it, as Fedlens chooses them.",
    }),
  },
  {
    code: "NOT_FOUND",
    advice: ({ serviceAccount }) => ({
      kind: "not-found",
      cause: `The service account ${serviceAccount ?? ""} does not exist (it may have been deleted).`,
      fix: "Check the binding's service account email, or restore or create the service account.",
    }),
  },
  {
    code: "UNAUTHENTICATED",
    advice: () => ({
      kind: "unauthenticated",
      cause:
        "Google did not accept the federated token for impersonation: the pool may have been disabled in the meantime.",
      fix: "Check that the pool and the provider are enabled, then try again.",
    }),
  },
];

/** The caller gave up (the request was cancelled, or its time ran out) before Google answered. */
export function exchangeCancelled(): CloudError {
  return {
    kind: "other",
    code: "Aborted",
    message: "The exchange was cancelled.",
    cause: "The exchange was cancelled before Google answered.",
    fix: "Start it again.",
  };
}

/** The row for a cloud code and message; null when the table has none. */
export function exchangeAdvice(
  stage: ExchangeStage,
  code: string,
  message: string,
  context: ExchangeErrorContext,
): Advice | null {
  const rows = stage === "sts" ? stsRows : impersonationRows;
  const row = rows.find((r) => r.code === code && (!r.match || r.match.test(message)));
  return row ? row.advice(context) : null;
}

/** A failed STS or generateAccessToken call as a CloudError; throttling and outages as the adapter reads them. */
export function explainExchangeError(
  stage: ExchangeStage,
  error: unknown,
  context: ExchangeErrorContext,
): CloudError {
  const general = explainGcpError(error);
  const failure = readGoogleFailure(error);
  if (general.kind === "throttled" && stage === "sts") {
    return {
      ...general,
      cause:
        "Google throttled the token exchange: the project's STS request quota is used up for now.",
      fix: "Try again in a few seconds; Fedlens already retried after the wait Google asked for.",
    };
  }
  if (!failure || general.kind === "throttled" || general.kind === "unavailable") return general;
  const advice = exchangeAdvice(stage, general.code, general.message, context);
  const object = stage === "sts" ? context.provider : context.serviceAccount;
  if (advice) return { ...general, ...advice, ...(object ? { object } : {}) };
  // An OAuth code the table lacks: the adapter's words are about keys, not exchanges.
  if (failure.kind === "oauth") {
    return {
      ...general,
      kind: "other",
      cause: "Google's token exchange refused the request.",
      fix: "Read Google's message above.",
    };
  }
  return general;
}

/**
 * The error with every occurrence of `secrets` (the workload's token, the
 * federated token) replaced: Google's messages do not echo them, but a
 * client's error text might, and a CloudError is stored and shown.
 */
export function scrubSecrets(error: CloudError, secrets: readonly string[]): CloudError {
  const scrub = (text: string) =>
    secrets.reduce((out, secret) => (secret ? out.split(secret).join("[redacted]") : out), text);
  return {
    ...error,
    code: scrub(error.code),
    message: scrub(error.message),
    cause: scrub(error.cause),
    fix: scrub(error.fix),
    ...(error.object !== undefined ? { object: scrub(error.object) } : {}),
  };
}
