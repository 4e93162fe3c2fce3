import type { CloudError } from "@/lib/clouds/adapter-types";
import { explainAwsError } from "./explain";
import { catalogAccepts, type CatalogSubjects, type TokenClaims } from "./exchange-context";

// STS's answers to AssumeRoleWithWebIdentity, each with our cause and fix in
// plain words (CLOUDS.md 2.3, 2.8). Codes and messages stay STS's own; other
// failures (throttling, 5xx, sockets, TLS) are the adapter's usual mapping.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors

export type ExchangeErrorContext = {
  roleArn: string;
  region: string;
  claims?: TokenClaims;
  catalog?: CatalogSubjects;
};

type Explained = Pick<CloudError, "kind" | "cause" | "fix">;

// The SDK names modelled errors <Code>Exception; the wire code is STS's.
const wireCodes: Record<string, string> = {
  InvalidIdentityTokenException: "InvalidIdentityToken",
  IDPRejectedClaimException: "IDPRejectedClaim",
  IDPCommunicationErrorException: "IDPCommunicationError",
  PackedPolicyTooLargeException: "PackedPolicyTooLarge",
  MalformedPolicyDocumentException: "MalformedPolicyDocument",
};

const quoted = (value: string | undefined) => (value ? ` "${value}"` : "");

function invalidToken(message: string, context: ExchangeErrorContext): Explained {
  const kind = "unauthenticated";
  const issuer = context.claims?.iss;
  if (/No OpenIDConnect provider found/i.test(message)) {
    return {
      kind,
      cause: `The role's AWS account has no IAM OIDC provider for the token's issuer${quoted(issuer)}.`,
      fix: "Create an IAM OIDC provider whose URL is exactly the token's issuer (https, same path, same trailing slash) in the role's account, or apply the binding so Fedlens creates it.",
    };
  }
  if (/Incorrect token audience/i.test(message)) {
    return {
      kind,
      cause: `The token's audience${quoted(context.claims?.aud.join(", "))} is not one of the IAM OIDC provider's client IDs.`,
      fix: "Add that audience to the provider's client IDs (the binding's audiences), or have the workload ask its issuer for a token with an audience the provider lists.",
    };
  }
  if (/Missing a required claim/i.test(message)) {
    return {
      kind,
      cause: "The token lacks a claim STS requires (usually aud).",
      fix: "Have the workload ask its issuer for a token with an audience.",
    };
  }
  if (/retrieve verification key/i.test(message)) {
    return {
      kind,
      cause:
        "STS could not fetch the issuer's signing keys, or none of them matches the key that signed the token.",
      fix: "Make the issuer's discovery document and key set reachable from the internet over https and quick to answer (AWS gives up after about five seconds), and publish the signing key.",
    };
  }
  if (/thumbprint/i.test(message)) {
    return {
      kind,
      cause:
        "The issuer's TLS certificate does not match the thumbprints on the IAM OIDC provider.",
      fix: "Update the provider's thumbprints to the issuer's current certificate chain.",
    };
  }
  return {
    kind,
    cause:
      "STS could not verify the token: its signature, its algorithm (STS takes RSA and ECDSA, not EdDSA) or its format.",
    fix: "Paste the token exactly as the workload received it, and check the issuer signs with a published RSA or ECDSA key.",
  };
}

function accessDenied(context: ExchangeErrorContext): Explained {
  const subject = context.claims?.sub;
  const base = `The trust policy of ${context.roleArn} did not let this token${subject ? ` (subject "${subject}")` : ""} assume the role: no Allow statement for its IAM OIDC provider matched all its claims, or a Deny statement matched. AWS does not say which condition failed.`;
  const { catalog } = context;
  if (!catalog || subject === undefined) {
    return {
      kind: "denied",
      cause: base,
      fix: "Compare the role's trust policy with the token's claims: the provider named as the federated principal, the action sts:AssumeRoleWithWebIdentity, and each condition on sub, aud and other keys.",
    };
  }
  const expected = catalog.subjects.map((s) => `"${s}"`).join(", ");
  if (catalogAccepts(catalog, subject)) {
    return {
      kind: "denied",
      cause: `${base} The catalogue's binding accepts subject "${subject}", so the trust policy in AWS no longer says what the catalogue says (changed in AWS since the last drift check, or a recent change not yet in effect).`,
      fix: "Run a drift check on the role and apply the catalogue's binding if AWS's copy changed; after a change, wait a few seconds for IAM to apply it and try again.",
    };
  }
  return {
    kind: "denied",
    cause: `${base} The catalogue's binding expects subject ${expected}, not "${subject}".`,
    fix: "Use a token from the workload the binding is for, or change the binding's subject to this one and apply it.",
  };
}

function byCode(
  code: string,
  message: string,
  context: ExchangeErrorContext,
): Explained | undefined {
  switch (code) {
    case "InvalidIdentityToken":
      return invalidToken(message, context);
    case "AccessDenied":
      return accessDenied(context);
    case "ExpiredTokenException":
      return {
        kind: "unauthenticated",
        cause: "The token had expired when STS checked it.",
        fix: "Get a fresh token from the workload and try again straight away; workload tokens often live only five to ten minutes.",
      };
    case "IDPRejectedClaim":
      return {
        kind: "denied",
        cause:
          "The identity provider told STS the token is not valid: a claim is invalid, expired or revoked.",
        fix: "Get a new token from the identity provider and check the workload's account there is active.",
      };
    case "IDPCommunicationError":
      return {
        kind: "unavailable",
        cause:
          "STS could not reach the token's issuer to verify it (usually a passing network problem).",
        fix: "Try again in a minute; if it keeps failing, check that the issuer's discovery document and key set answer quickly from the internet.",
      };
    case "PackedPolicyTooLarge":
      return {
        kind: "invalid",
        cause:
          "The session policy Fedlens sends, together with the token's session tags, is larger than STS allows.",
        fix: "Send fewer session tags in the token (its https://aws.amazon.com/tags claim); Fedlens's deny-all policy itself is small.",
      };
    case "MalformedPolicyDocument":
      return {
        kind: "invalid",
        cause:
          "STS refused the deny-all session policy Fedlens sends so the credential can do nothing.",
        fix: "Check that the connection's endpoint is AWS STS (or an emulator that accepts session policies).",
      };
    case "RegionDisabledException":
      return {
        kind: "denied",
        cause: `STS is not activated in ${context.region} for the role's account.`,
        fix: "Activate STS for that region in the account settings of IAM, or set the connection's region to one where STS is active.",
      };
    case "ValidationError":
      return /MaxSessionDuration/.test(message)
        ? {
            kind: "invalid",
            cause:
              "The session length asked for is longer than the role's maximum session duration.",
            fix: "Raise the role's maximum session duration; Fedlens asks for the 900-second minimum.",
          }
        : {
            kind: "invalid",
            cause:
              "STS refused the request's parameters (the role ARN, the session name or the duration).",
            fix: "Check the target's account, path and role name.",
          };
  }
  return undefined;
}

/** The SDK's error as a CloudError, explained for this exchange; `message` is STS's verbatim. */
export function explainExchangeError(error: unknown, context: ExchangeErrorContext): CloudError {
  const generic = explainAwsError(error);
  const code = wireCodes[generic.code] ?? generic.code;
  const explained = byCode(code, generic.message, context);
  return { ...generic, code, ...(explained ?? {}), object: context.roleArn };
}
