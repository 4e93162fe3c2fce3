import { IamError } from "./iam-error";

// Trust policies are capped at 2,048 characters by default (whitespace not
// counted); IAM answers LimitExceeded "Cannot exceed quota for ACLSizePerRole".
// CLOUDS.md §2.6; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
// Observed wire answer (409): https://github.com/kubeflow/dashboard/issues/29
export const TRUST_POLICY_QUOTA = 2048;

// CreateRole / UpdateAssumeRolePolicy: MalformedPolicyDocument (400) when the
// document is not a policy, LimitExceeded (409) over the quota.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
export function checkTrustPolicy(document: string, quota = TRUST_POLICY_QUOTA): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new IamError("MalformedPolicyDocument", 400, "This policy contains invalid Json");
  }
  if (typeof parsed !== "object" || parsed === null || !("Statement" in parsed)) {
    throw new IamError("MalformedPolicyDocument", 400, "Syntax errors in policy.");
  }
  // A trust policy names no resource (the role is the resource): IAM answers
  // "Has prohibited field Resource" (observed; moto answers the same).
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
  const statements = (parsed as { Statement: unknown }).Statement;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    const field = ["Resource", "NotResource"].find(
      (name) => typeof statement === "object" && statement !== null && name in statement,
    );
    if (field) throw new IamError("MalformedPolicyDocument", 400, `Has prohibited field ${field}.`);
  }
  if (document.replace(/\s/g, "").length > quota) {
    throw new IamError("LimitExceeded", 409, `Cannot exceed quota for ACLSizePerRole: ${quota}`);
  }
}

// GetRole returns AssumeRolePolicyDocument URL-encoded per RFC 3986.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html
export function encodePolicy(document: string): string {
  return encodeURIComponent(document).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
