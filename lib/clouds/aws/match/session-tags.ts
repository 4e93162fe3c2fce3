import { carriesClaim, sessionTagsClaim } from "@/lib/clouds/aws/match/claim-actions";
import type { ContextLookup } from "@/lib/clouds/aws/match/context-lookup";
import { isRecord } from "@/lib/json/is-record";

// Session tags a web-identity token passes (IAM User Guide "Pass session tags
// in AWS STS", AssumeRoleWithWebIdentity): the claim
// "https://aws.amazon.com/tags" holds principal_tags ({ key: [value] }) and
// optionally transitive_tag_keys. They fill aws:RequestTag/<key>, aws:TagKeys
// and sts:TransitiveTagKeys, and they oblige the trust policy to allow
// sts:TagSession too (claim-actions.ts).

export type SessionTags = { tags: Map<string, string[]>; transitiveKeys: string[] };

function scalars(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((item) => ["string", "number", "boolean"].includes(typeof item))
    .map((item) => String(item));
}

export function sessionTagsOf(claims: Record<string, unknown>): SessionTags | undefined {
  if (!carriesClaim(claims, sessionTagsClaim)) return undefined;
  const raw = claims[sessionTagsClaim];
  // Some IdPs wrap the object in a one-element list.
  const claim = Array.isArray(raw) ? raw[0] : raw;
  const tags = new Map<string, string[]>();
  if (!isRecord(claim)) return { tags, transitiveKeys: [] };
  if (isRecord(claim.principal_tags)) {
    for (const [key, value] of Object.entries(claim.principal_tags)) tags.set(key, scalars(value));
  }
  return { tags, transitiveKeys: scalars(claim.transitive_tag_keys) };
}

/** aws:RequestTag/<key>, aws:TagKeys and sts:TransitiveTagKeys for this token; undefined for other keys. */
export function sessionTagKey(
  key: string,
  claims: Record<string, unknown>,
): ContextLookup | undefined {
  const lower = key.toLowerCase();
  const isTagKey =
    lower.startsWith("aws:requesttag/") ||
    lower === "aws:tagkeys" ||
    lower === "sts:transitivetagkeys";
  if (!isTagKey) return undefined;
  const session = sessionTagsOf(claims);
  if (!session) {
    return {
      multiValued: false,
      note: `the token passes no session tags (no ${sessionTagsClaim} claim)`,
    };
  }
  const present = (values: string[], multiValued: boolean): ContextLookup =>
    values.length
      ? { values, multiValued }
      : { multiValued, note: "the token's session tags do not set it" };
  if (lower === "aws:tagkeys") return present([...session.tags.keys()], true);
  if (lower === "sts:transitivetagkeys") return present(session.transitiveKeys, true);
  // Condition key names, the tag key in aws:RequestTag/<key> included, ignore case (IAM "Condition" element).
  const wanted = lower.slice("aws:requesttag/".length);
  const entry = [...session.tags].find(([name]) => name.toLowerCase() === wanted);
  return present(entry?.[1] ?? [], false);
}
