import { boundedMemo, type BoundedMemo } from "@/lib/bounded-memo";
import { describeConditionKey, type ConditionKeyInfo } from "@/lib/clouds/aws/condition-keys";
import { sourceIdentityKey } from "@/lib/clouds/aws/match/claim-actions";
import type { ContextLookup } from "@/lib/clouds/aws/match/context-lookup";
import { sessionTagKey } from "@/lib/clouds/aws/match/session-tags";

// The request context STS builds from the token (CLOUDS.md 2.4): only
// `<provider>:aud|sub|amr|azp|oaud|email` and, for GitHub's issuer, its
// provider-specific claims become condition keys. Any other claim, nested
// or custom, is not in the context, so a condition on it sees a missing key.

export const googleProviderKey = "accounts.google.com";

// Keys STS fills from the call, not the token, whose values Fedlens is not
// told. Always present: sts:RoleSessionName, a required parameter of
// AssumeRoleWithWebIdentity (CLOUDS.md 2.2), and aws:RequestedRegion,
// aws:SecureTransport and aws:UserAgent ("This key is always included in the
// request context", IAM User Guide "AWS global condition context keys",
// Availability). So Null on them is decided, and reading them as absent would
// make a negated condition true and accept what STS may refuse.
const alwaysPresentKeys = [
  "sts:rolesessionname",
  "aws:requestedregion",
  "aws:securetransport",
  "aws:useragent",
];

// Keys present only for some calls (same page, each key's Availability): the
// VPC keys only when the caller comes through a VPC endpoint, aws:SourceIp
// only when it does not, aws:Referer only when a browser link sends one.
// Fedlens does not know the route, so for these even Null, …IfExists and the
// negated operators are undecided: a GitHub runner calling the public
// endpoint has no aws:SourceVpce, and a Deny on its absence applies.
const mayBeAbsentKeys = new Map([
  ["aws:sourceip", "STS leaves aws:SourceIp out when the caller comes through a VPC endpoint"],
  ["aws:sourcevpc", "STS sets aws:SourceVpc only when the caller comes through a VPC endpoint"],
  ["aws:sourcevpce", "STS sets aws:SourceVpce only when the caller comes through a VPC endpoint"],
  ["aws:vpcsourceip", "STS sets aws:VpcSourceIp only when the caller comes through a VPC endpoint"],
  ["aws:referer", "STS sets aws:Referer only when the caller sends a Referer header"],
]);

/** Whether STS takes this key's value from the request rather than from the token. */
export function isRequestKey(key: string): boolean {
  const lower = key.toLowerCase();
  return alwaysPresentKeys.includes(lower) || mayBeAbsentKeys.has(lower);
}

function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function scalarText(item: unknown): string | undefined {
  return typeof item === "string" || typeof item === "number" || typeof item === "boolean"
    ? String(item)
    : undefined;
}

/** A claim's value as IAM strings: scalars become text, lists their scalar items. */
export function claimStrings(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    let items: string[] | undefined;
    for (const item of value) {
      const text = scalarText(item);
      if (text !== undefined) (items ??= []).push(text);
    }
    return items;
  }
  const one = scalarText(value);
  return one === undefined ? undefined : [one];
}

function fromClaim(claims: Record<string, unknown>, claim: string): ContextLookup {
  const values = claimStrings(claims[claim]);
  if (!values) return { multiValued: false, note: `the token has no '${claim}' claim` };
  return { values, multiValued: values.length > 1 };
}

function globalKey(key: string, claims: Record<string, unknown>, at: Date): ContextLookup {
  const lower = key.toLowerCase();
  // IAM global keys: aws:CurrentTime and aws:EpochTime are in every request.
  if (lower === "aws:currenttime") return { values: [at.toISOString()], multiValued: false };
  if (lower === "aws:epochtime") {
    return { values: [String(Math.floor(at.getTime() / 1000))], multiValued: false };
  }
  const absence = mayBeAbsentKeys.get(lower);
  if (absence) {
    return {
      multiValued: false,
      unknown: true,
      mayBeAbsent: true,
      note: `${absence}, and Fedlens is not told how the caller connects or the key's value`,
    };
  }
  if (isRequestKey(key)) {
    return {
      multiValued: false,
      unknown: true,
      note: `STS takes ${shorten(key)} from the request, and Fedlens is not told its value`,
    };
  }
  const fromToken = sessionTagKey(key, claims) ?? sourceIdentityKey(key, claims);
  if (fromToken) return fromToken;
  return {
    multiValued: false,
    note: `Fedlens does not know the value of ${shorten(key)} for this request and treats it as absent`,
  };
}

/** What a condition key means for one provider, with the lower-case forms every lookup compares. */
export type KeyMeaning = {
  info: ConditionKeyInfo;
  /** The key's suffix in lower case (`sub` of `<provider>:Sub`). */
  suffix: string;
  /** Whether the provider is Google's, whose :aud and :oaud read other claims. */
  isGoogle: boolean;
};

// Every binding of a provider names the same few keys (its :aud and :sub):
// their meanings are remembered per provider key, then per key, and shared
// (read-only). Provider keys are URLs without https:// (at most 255
// characters); a longer one, or a key longer than IAM's policy quota allows
// sensibly, is worked out and not remembered.
const meaningsByProvider = boundedMemo<BoundedMemo<KeyMeaning>>(100, { maxKeyLength: 256 });

// The provider asked about last, whose bindings come one after another.
let lastProvider: { providerKey: string; meanings: BoundedMemo<KeyMeaning> } | undefined;

export function meaningFor(key: string, providerKey: string): KeyMeaning {
  if (lastProvider?.providerKey !== providerKey) {
    const meanings = meaningsByProvider(providerKey, () =>
      boundedMemo<KeyMeaning>(1000, { maxKeyLength: 512 }),
    );
    lastProvider = { providerKey, meanings };
  }
  return lastProvider.meanings(key, () => {
    const info = describeConditionKey(key, providerKey);
    return {
      info,
      suffix: info.suffix.toLowerCase(),
      isGoogle: providerKey.toLowerCase() === googleProviderKey,
    };
  });
}

/**
 * The value STS would put under `key` for this token, trusting the provider
 * `providerKey`. `meaning` is what the key means (meaningFor), for a caller
 * that keeps it across the many tokens of one policy.
 */
export function lookupContextKey(
  key: string,
  providerKey: string,
  claims: Record<string, unknown>,
  at: Date,
  meaning: KeyMeaning = meaningFor(key, providerKey),
): ContextLookup {
  const { info, suffix, isGoogle } = meaning;
  if (info.scope === "global") return globalKey(key, claims, at);
  if (!info.valid) return { multiValued: false, note: info.message };
  if (suffix === "aud" && isGoogle && claimStrings(claims.azp)) {
    // CLOUDS.md 2.4: for a Google token with azp, accounts.google.com:aud is the azp.
    return { ...fromClaim(claims, "azp"), note: "accounts.google.com:aud is the token's azp" };
  }
  if (suffix === "oaud") {
    // CLOUDS.md 2.4: AWS documents :oaud (the token's aud) for Google only.
    if (!isGoogle) {
      return { multiValued: false, note: "AWS sets :oaud only for accounts.google.com" };
    }
    return fromClaim(claims, "aud");
  }
  const lookup = fromClaim(claims, suffix);
  // amr is multivalued (CLOUDS.md 2.4) even when it holds one value.
  if (suffix === "amr" && lookup.values) return { ...lookup, multiValued: true };
  if (suffix === "aud" && lookup.multiValued) {
    // CLOUDS.md 6: how STS fills :aud from a multi-valued aud is undocumented.
    return { ...lookup, note: "how STS fills :aud from an aud list is undocumented" };
  }
  return lookup;
}
