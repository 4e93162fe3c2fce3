import type { CloudError } from "@/lib/federation/types";

// What STS answers to AssumeRoleWithWebIdentity, worded as STS words it
// (CLOUDS.md 2.3 and 2.8). Where STS's text is not known, the message says
// so rather than inventing a quotation.

export const awsErrorCodes = {
  invalidIdentityToken: "InvalidIdentityToken",
  expiredToken: "ExpiredTokenException",
  accessDenied: "AccessDenied",
} as const;

/** CLOUDS.md 2.3 step 1 (re:Post "resolve OIDC errors"). */
export function noProviderFound(iss: string): CloudError {
  return {
    code: awsErrorCodes.invalidIdentityToken,
    message: `No OpenIDConnect provider found in your account for ${iss}`,
  };
}

/** CLOUDS.md 2.3 step 2, 2.8 (re:Post "InvalidIdentityToken"): JWKS unreachable or no usable key. */
export function verificationKeyNotRetrieved(): CloudError {
  return {
    code: awsErrorCodes.invalidIdentityToken,
    message:
      "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
  };
}

/** CLOUDS.md 2.8: a bad signature is InvalidIdentityToken, but STS's text varies. */
export function signatureRejected(reason: string): CloudError {
  return {
    code: awsErrorCodes.invalidIdentityToken,
    message: `The token's signature does not verify (${reason}); STS's exact wording varies`,
  };
}

/** CLOUDS.md 2.7 (nomad#20227): EdDSA and other algorithms get InvalidIdentityToken; text unknown. */
export function algorithmRejected(alg: string): CloudError {
  return {
    code: awsErrorCodes.invalidIdentityToken,
    message: `The token is signed with ${alg}, which STS does not accept; STS's exact wording is not documented`,
  };
}

/** CLOUDS.md 2.3 step 3 (GitLab #342243): "Missing a required claim: aud". */
export function missingClaim(claim: string): CloudError {
  return {
    code: awsErrorCodes.invalidIdentityToken,
    message: `Missing a required claim: ${claim}`,
  };
}

/** CLOUDS.md 2.3 step 3, 2.8: aud not in the provider's ClientIDList. */
export function incorrectAudience(): CloudError {
  return { code: awsErrorCodes.invalidIdentityToken, message: "Incorrect token audience" };
}

/** CLOUDS.md 2.3 step 4, 2.8 (aws-sdk-java-v2#5709): times in epoch seconds. */
export function tokenExpired(nowSeconds: number, expSeconds: number): CloudError {
  return {
    code: awsErrorCodes.expiredToken,
    message: `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${expSeconds}`,
  };
}

/**
 * CLOUDS.md 2.3 step 5, 2.8: no Allow, an explicit Deny, or another role.
 * STS names the action refused: sts:TagSession when the token passes session
 * tags the trust policy does not allow (IAM User Guide "Pass session tags in AWS STS"),
 * sts:SetSourceIdentity for a source identity it does not allow (IAM User
 * Guide "Monitor and control actions taken with assumed roles").
 */
export function notAuthorized(action = "sts:AssumeRoleWithWebIdentity"): CloudError {
  return {
    code: awsErrorCodes.accessDenied,
    message: `Not authorized to perform ${action}`,
  };
}

/** Fedlens's own code, not STS's: the UI words a Fedlens-prefixed code as "Fedlens cannot tell AWS's answer". */
export const fedlensUndecided = "FedlensUndecided";

/**
 * The answer hangs on what Fedlens is not told (a key STS takes from the
 * request, or which repeated JSON key IAM kept): STS may accept or refuse,
 * so the code is Fedlens's own rather than a guess at AccessDenied.
 */
export function undecidedAnswer(reason: string): CloudError {
  return {
    code: fedlensUndecided,
    message: `STS may accept or refuse this token: ${reason}.`,
  };
}

/** Whether an error is Fedlens's undecided answer rather than a definite refusal. */
export function isUndecided(error: CloudError | undefined): boolean {
  return error?.code === fedlensUndecided;
}
