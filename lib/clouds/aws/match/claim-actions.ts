import type { ContextLookup } from "@/lib/clouds/aws/match/context-lookup";

// Claims that make STS authorise a second action besides
// sts:AssumeRoleWithWebIdentity; the trust policy must allow both, or STS
// answers AccessDenied naming the second action.
// - https://aws.amazon.com/tags: "The AssumeRole operation fails for any role
//   connected to an IdP passing session tags without this permission" (IAM
//   User Guide "Pass session tags in AWS STS"), the permission sts:TagSession.
// - https://aws.amazon.com/source_identity: "the role trust policy must allow
//   the sts:SetSourceIdentity action" (IAM User Guide "Monitor and control
//   actions taken with assumed roles"); its value fills sts:SourceIdentity.

export const sessionTagsClaim = "https://aws.amazon.com/tags";
export const tagSession = "sts:TagSession";
export const sourceIdentityClaim = "https://aws.amazon.com/source_identity";
export const setSourceIdentity = "sts:SetSourceIdentity";

export type ClaimAction = { claim: string; action: string; hint: string };

const claimActions: ClaimAction[] = [
  {
    claim: sessionTagsClaim,
    action: tagSession,
    hint: `The token carries the ${sessionTagsClaim} claim, so it asks STS to tag the session; the trust policy must then also allow ${tagSession} for this provider, with any aws:RequestTag/aws:TagKeys conditions holding (IAM User Guide "Pass session tags in AWS STS"). Add ${tagSession} to the statement's Action, or stop the IdP from sending the claim.`,
  },
  {
    claim: sourceIdentityClaim,
    action: setSourceIdentity,
    hint: `The token carries the ${sourceIdentityClaim} claim, so it asks STS to set a source identity; the trust policy must then also allow ${setSourceIdentity} for this provider, with any sts:SourceIdentity condition holding (IAM User Guide "Monitor and control actions taken with assumed roles"). Add ${setSourceIdentity} to the statement's Action, or stop the IdP from sending the claim.`,
  },
];

/** Whether the token carries `claim`: any value counts, well formed or not. */
export function carriesClaim(claims: Record<string, unknown>, claim: string): boolean {
  const value = claims[claim];
  return value !== undefined && value !== null;
}

const noClaimActions: readonly ClaimAction[] = [];

/** The extra actions this token makes STS authorise, in a fixed order; read-only. */
export function claimActionsOf(claims: Record<string, unknown>): readonly ClaimAction[] {
  let carried: ClaimAction[] | undefined;
  for (const entry of claimActions) {
    if (carriesClaim(claims, entry.claim)) (carried ??= []).push(entry);
  }
  return carried ?? noClaimActions;
}

/** sts:SourceIdentity for this token, from its source_identity claim; undefined for other keys. */
export function sourceIdentityKey(
  key: string,
  claims: Record<string, unknown>,
): ContextLookup | undefined {
  if (key.toLowerCase() !== "sts:sourceidentity") return undefined;
  const value = claims[sourceIdentityClaim];
  if (typeof value === "string" && value !== "") return { values: [value], multiValued: false };
  return {
    multiValued: false,
    note: carriesClaim(claims, sourceIdentityClaim)
      ? `the token's ${sourceIdentityClaim} claim is not a string`
      : `the token sets no source identity (no ${sourceIdentityClaim} claim)`,
  };
}
