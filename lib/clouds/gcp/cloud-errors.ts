import type { CloudError } from "@/lib/federation/types";

// The errors Google returns for a refused exchange, worded as Google words
// them (CLOUDS.md 3.8 and the sources it cites). STS answers
// {"error": code, "error_description": message} with HTTP 400; the IAM
// Credentials call answers 403 PERMISSION_DENIED. Where CLOUDS.md marks the
// text as unconfirmed (CLOUDS.md 6), the check's message says so.

function sts(code: string, message: string): CloudError {
  return { code, message };
}

/** CLOUDS.md 3.8 (google-github-actions/auth TROUBLESHOOTING). */
export function issuerMismatch(iss: string, issuerUri: string): CloudError {
  return sts(
    "invalid_grant",
    `The issuer in ID Token ${iss} does not match the expected ones: ${issuerUri}`,
  );
}

/**
 * CLOUDS.md 3.8: with allowedAudiences set, reports show the expected value
 * appended; with the list empty the sentence ends after "audience".
 */
export function audienceMismatch(aud: string, allowedAudiences: readonly string[]): CloudError {
  const expected = allowedAudiences.length > 0 ? ` ${allowedAudiences.join(", ")}` : "";
  return sts(
    "invalid_grant",
    `The audience in ID Token [${aud}] does not match the expected audience${expected}.`,
  );
}

/** CLOUDS.md 3.8: the STS `audience` names a missing, disabled or deleted pool or provider. */
export function invalidTarget(): CloudError {
  return sts(
    "invalid_target",
    'The target service indicated by the "audience" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn\'t exist.',
  );
}

/**
 * The STS `audience` names another provider of the same project. Google's
 * answer then depends on that provider, which Fedlens doesn't know, so the
 * code is Fedlens's own rather than a guess at Google's.
 */
export function otherProviderNamed(audience: string): CloudError {
  return {
    code: "FedlensOtherProvider",
    message: `STS would evaluate the token against ${audience}, not against this binding's provider; its answer depends on that provider.`,
  };
}

/** CLOUDS.md 3.8: a malformed STS `audience` parameter. */
export function invalidAudienceParameter(): CloudError {
  return sts(
    "invalid_request",
    'Invalid value for "audience". This value should be the full resource name of the Identity Provider. See https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token for the list of possible formats.',
  );
}

/** CLOUDS.md 3.3 (GCP troubleshooting): a mapped attribute over its size limit. */
export function mappedAttributeTooLarge(attribute: string): CloudError {
  return sts(
    "invalid_request",
    `The size of mapped attribute ${attribute} exceeds the 127 bytes limit. Either modify your attribute mapping or the incoming assertion to produce a mapped attribute that is less than 127 bytes.`,
  );
}

/** google-github-actions/auth#378: google.subject mapped to a non-string (e.g. a boolean). */
export function subjectNotString(): CloudError {
  return sts(
    "unauthorized_client",
    "The mapped attribute 'google.subject' must be of type STRING.",
  );
}

/**
 * [inferred] Another mapped attribute of the wrong type: auth#378's text for
 * google.subject names the attribute, so it is taken to be generic.
 */
export function attributeNotString(attribute: string): CloudError {
  return sts("unauthorized_client", `The mapped attribute '${attribute}' must be of type STRING.`);
}

/**
 * No google.subject could be mapped from the assertion (a missing claim, an
 * empty value or an expression that fails). Google's text is not documented
 * (CLOUDS.md 6); the code follows the other mapping refusals.
 */
export function subjectNotMapped(): CloudError {
  return sts(
    "invalid_request",
    "The attribute mapping did not produce google.subject for this assertion.",
  );
}

/** CLOUDS.md 3.3: all mapped attributes together must stay within 8 KB (text unconfirmed). */
export function mappedAttributesTooLarge(): CloudError {
  return sts(
    "invalid_request",
    "The size of the mapped attributes exceeds the 8 KB limit. Either modify your attribute mapping or the incoming assertion.",
  );
}

/** CLOUDS.md 3.4 (circleci-docs#8541). */
export function rejectedByCondition(): CloudError {
  return sts("unauthorized_client", "The given credential is rejected by the attribute condition.");
}

/** CLOUDS.md 3.5/3.8: stale or expired subject tokens (fullsend#705, google-cloud-go#12440). */
export function staleToken(iat: unknown): CloudError {
  return sts("invalid_grant", `ID Token issued at ${String(iat)} is stale to sign-in.`);
}

/**
 * A subject token STS refuses for a rule of CLOUDS.md 3.5 whose text is not
 * documented (algorithm, kid, iat in the future, lifetime, sub, signature).
 */
export function invalidSubjectToken(reason: string): CloudError {
  return sts("invalid_grant", reason);
}

/** CLOUDS.md 3.7 (auth TROUBLESHOOTING, auth#340): generateAccessToken refused. */
export function permissionDenied(): CloudError {
  return {
    code: "PERMISSION_DENIED",
    message:
      "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
  };
}
