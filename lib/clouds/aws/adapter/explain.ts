import type { CloudError, CloudErrorKind } from "@/lib/clouds/adapter-types";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import { parseRetryAfter } from "@/lib/clouds/retry";

// Any error from the AWS SDK (or the socket under it) as a CloudError: the
// cloud's code and message verbatim, what kind of failure it is, and a cause
// and fix in plain words. Codes: IAM and STS common errors
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html

/** The read permissions Fedlens needs (also in the README's policy). */
export const awsReadActions = [
  "iam:ListOpenIDConnectProviders",
  "iam:GetOpenIDConnectProvider",
  "iam:ListRoles",
  "iam:GetRole",
];

/**
 * The write permissions apply needs (also in the README's policy). Tags are
 * never sent, so iam:TagOpenIDConnectProvider is not needed.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
export const awsWriteActions = [
  "iam:UpdateAssumeRolePolicy",
  "iam:CreateOpenIDConnectProvider",
  "iam:AddClientIDToOpenIDConnectProvider",
];

type SdkError = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
};

type Explained = Omit<CloudError, "code" | "message" | "status">;

const credentialsFix =
  "Check the connection's credentials: replace the access key if it was deleted or rotated, or fix the ambient credentials Fedlens runs with.";

function byCode(code: string, message: string, status: number | undefined): Explained | undefined {
  switch (code) {
    case "NoSuchEntity":
      return {
        kind: "not-found",
        cause: "AWS has no such role or OIDC provider in this account.",
        fix: "Check the role name and the account, or remove the target from the catalogue if the role was deleted on purpose.",
      };
    case "AccessDenied":
    case "AccessDeniedException":
      return /sts:AssumeRole\b/.test(message) ? assumeRoleDenied() : callDenied(message);
    case "InvalidClientTokenId":
    case "UnrecognizedClientException":
      return {
        kind: "unauthenticated",
        cause: "AWS does not know the access key Fedlens signed with.",
        fix: credentialsFix,
      };
    case "SignatureDoesNotMatch":
      return {
        kind: "unauthenticated",
        cause: "The secret access key does not belong to the access key id.",
        fix: "Paste the secret access key that was issued with this access key id.",
      };
    case "ExpiredToken":
    case "ExpiredTokenException":
    case "RequestExpired":
      return {
        kind: "unauthenticated",
        cause: "The temporary credentials Fedlens used have expired.",
        fix: "Refresh the ambient credentials (the web identity token file or the instance role), or check the server's clock.",
      };
    case "MissingAuthenticationToken":
    case "IncompleteSignature":
    case "CredentialsProviderError":
      return {
        kind: "unauthenticated",
        cause: "Fedlens found no usable AWS credentials to sign with.",
        fix: "Give Fedlens ambient credentials (for example AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE, or an instance role), or store an access key on the connection.",
      };
    case "Throttling":
    case "ThrottlingException":
    case "RequestLimitExceeded":
    case "TooManyRequestsException":
      return {
        kind: "throttled",
        cause: "AWS is rate-limiting this account's IAM or STS calls.",
        fix: "Fedlens already retried with backoff; try again in a few minutes, or read fewer roles at once.",
      };
    case "LimitExceeded":
    case "LimitExceededException":
      return quotaExceeded(message);
    case "EntityAlreadyExists":
      return {
        kind: "conflict",
        cause: "The object already exists in the account (IAM holds one OIDC provider per URL).",
        fix: "Fedlens adopts an existing provider; if this persists, check the provider in IAM and the target's provider URL.",
      };
    case "MalformedPolicyDocument":
    case "MalformedPolicyDocumentException":
      return {
        kind: "invalid",
        cause:
          "IAM refused the trust policy: a statement breaks the policy grammar (AWS's message says which part).",
        fix: "Correct the binding's statement and plan again; the role's trust policy was left as it was.",
      };
    case "RegionDisabledException":
      return {
        kind: "denied",
        cause: "STS is not activated in the connection's region.",
        fix: "Activate STS for the region in the account settings, or choose another region for the connection.",
      };
    case "InvalidInput":
    case "InvalidInputException":
    case "ValidationError":
      return {
        kind: "invalid",
        cause: "AWS refused the request's parameters.",
        fix: "Check the connection's role ARN and region.",
      };
  }
  if (code === "ServiceFailure" || code === "ServiceUnavailable" || (status ?? 0) >= 500) {
    return {
      kind: "unavailable",
      cause: "AWS failed to answer (a server-side error).",
      fix: "Fedlens already retried; try again later and check the AWS Health Dashboard.",
    };
  }
  return undefined;
}

function callDenied(message: string): Explained {
  const action = /perform: (iam:\w+)/.exec(message)?.[1];
  const isWrite = action !== undefined && awsWriteActions.includes(action);
  const needed = isWrite
    ? `Fedlens writes with ${awsWriteActions.join(", ")}`
    : `Fedlens reads with ${awsReadActions.join(", ")}; sts:GetCallerIdentity needs no permission`;
  return {
    kind: "denied",
    cause: `The identity Fedlens uses is not allowed ${action ? `to call ${action}` : "this call"}.`,
    fix: `Allow ${action ?? awsReadActions.join(", ")} in the identity's policy (${needed}).`,
  };
}

// IAM names the quota in LimitExceeded's message ("Cannot exceed quota for
// ACLSizePerRole: 2048"): the role trust policy length (2,048 by default,
// adjustable to 4,096) or the 100 OIDC providers per account (CLOUDS.md 2.1, 2.6).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
export const trustPolicyTooLarge: Explained = {
  kind: "invalid",
  cause:
    "The role's trust policy would be longer than IAM's quota for it (2,048 characters by default).",
  fix: "Move some bindings to another role, or raise the account's role trust policy length quota (up to 4,096) in Service Quotas.",
};

function quotaExceeded(message: string): Explained {
  if (/ACLSizePerRole/i.test(message)) return trustPolicyTooLarge;
  if (/OpenIdIdps/i.test(message)) {
    return {
      kind: "invalid",
      cause: "The account already holds 100 IAM OIDC providers, IAM's limit.",
      fix: "Delete OIDC providers the account no longer uses, or use a provider that already exists.",
    };
  }
  return {
    kind: "invalid",
    cause: "An IAM quota of the account is reached; waiting does not clear it.",
    fix: "Raise the quota in Service Quotas or remove objects you no longer need.",
  };
}

function assumeRoleDenied(): Explained {
  return {
    kind: "denied",
    cause: "The role's trust policy does not let Fedlens's identity assume it.",
    fix: "Add a statement to the role's trust policy that allows Fedlens's identity sts:AssumeRole, and allow sts:AssumeRole on the role in that identity's own policy.",
  };
}

// Socket-level failures (Node error codes) and the SDK's own timeouts.
const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "TimeoutError",
  "RequestTimeout",
]);

// Certificate failures: retrying does not help, so they are not "network".
const tlsCodes =
  /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/;

function socketError(code: string): Explained | undefined {
  if (networkCodes.has(code)) {
    return {
      kind: "network",
      cause:
        "Fedlens could not reach the AWS endpoint (the connection was refused, reset or timed out).",
      fix: "Check the connection's endpoint, the network path and any proxy between Fedlens and AWS.",
    };
  }
  if (tlsCodes.test(code)) {
    return {
      kind: "other",
      cause: "The endpoint's TLS certificate is not trusted.",
      fix: "Add the certificate authority that signed the endpoint's certificate to the connection's CA bundle.",
    };
  }
  return undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

export function explainAwsError(error: unknown): CloudError {
  if (error instanceof CloudCallError) return error.cloudError;
  const sdk = (typeof error === "object" && error !== null ? error : {}) as SdkError;
  const status = sdk.$metadata?.httpStatusCode;
  // Query-protocol errors carry the wire's <Code> as Code; modelled ones are
  // named <Code>Exception; socket errors carry Node's code.
  const code = text(sdk.Code) ?? text(sdk.code) ?? text(sdk.name) ?? "UnknownError";
  const message = text(sdk.message) ?? String(error);
  const explained = byCode(code, message, status) ??
    socketError(code) ?? {
      kind: "other" as CloudErrorKind,
      cause: "AWS answered with an error Fedlens does not recognise.",
      fix: "Read AWS's message above; if it persists, check the connection's settings.",
    };
  return { code, message, ...explained, ...(status ? { status } : {}) };
}

/** The Retry-After the answer carried, in ms (IAM documents none, but a proxy may send one). */
export function awsRetryAfterMs(error: unknown): number | null {
  const headers = (error as SdkError | null)?.$response?.headers;
  return parseRetryAfter(headers?.["retry-after"] ?? headers?.["Retry-After"]);
}
