import { IamError } from "./iam-error";

// The inline session policy (`Policy`) an AssumeRole* call may pass. It is an
// identity-based policy: each statement needs Effect, Action (or NotAction)
// and Resource (or NotResource). STS packs session policies into a binary
// form with its own limit and reports its use as PackedPolicySize (a
// percentage) covering the session policies and the session tags together;
// the emulator approximates the packed size as the policy without whitespace
// plus the token's session-tags claim as JSON, against 2,048 characters.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp

const PACKED_LIMIT = 2048;

const malformed = (message: string) => new IamError("MalformedPolicyDocument", 400, message);

function checkStatement(statement: unknown): void {
  if (typeof statement !== "object" || statement === null) {
    throw malformed("Syntax errors in policy.");
  }
  const fields = statement as Record<string, unknown>;
  if (fields.Effect !== "Allow" && fields.Effect !== "Deny") {
    throw malformed("Syntax errors in policy.");
  }
  if (!("Action" in fields) && !("NotAction" in fields)) {
    throw malformed("Policy statement must contain actions.");
  }
  if (!("Resource" in fields) && !("NotResource" in fields)) {
    throw malformed("Policy statement must contain resources.");
  }
}

/** Checks the session policy's shape; returns its size as packed (whitespace dropped). */
export function checkSessionPolicy(policy: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw malformed("This policy contains invalid Json");
  }
  if (typeof parsed !== "object" || parsed === null || !("Statement" in parsed)) {
    throw malformed("Syntax errors in policy.");
  }
  const statements = (parsed as { Statement: unknown }).Statement;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    checkStatement(statement);
  }
  return policy.replace(/\s/g, "").length;
}

/** The call's PackedPolicySize (percent), if it passed a policy or tags; throws above 100. */
export function packedPolicySize(policyChars: number, sessionTags: unknown): number | undefined {
  const tagChars = sessionTags === undefined ? 0 : JSON.stringify(sessionTags).length;
  if (policyChars + tagChars === 0) return undefined;
  const percent = Math.ceil(((policyChars + tagChars) / PACKED_LIMIT) * 100);
  // The percentage wording is STS's as commonly reported; not confirmed in AWS's docs.
  if (percent > 100) {
    throw new IamError(
      "PackedPolicyTooLarge",
      400,
      `Packed policy consumes ${percent}% of allotted space, please use smaller policy for this request.`,
    );
  }
  return percent;
}
