// The condition keys STS puts in the request context of
// AssumeRoleWithWebIdentity (CLOUDS.md 2.4). A condition on any other claim
// of the token never matches: STS does not expose custom or nested claims.
// Context key names are not case-sensitive (IAM "Condition" element:
// "aws:SourceIP is equivalent to AWS:SourceIp"), so comparisons ignore case.

/** CLOUDS.md 2.4, long-standing keys: `<provider>:aud`, `:sub`, `:amr`, `:azp`, `:oaud`, `:email`. */
export const oidcConditionSuffixes = ["aud", "sub", "amr", "azp", "oaud", "email"] as const;

/** CLOUDS.md 2.4, provider-specific keys STS validates for GitHub's issuer since Feb 2026. */
export const githubConditionSuffixes = [
  "actor",
  "actor_id",
  "job_workflow_ref",
  "repository",
  "repository_id",
  "workflow",
  "ref",
  "environment",
  "enterprise_id",
] as const;

/** CLOUDS.md 2.4: `amr` is multivalued (test it with ForAnyValue:); every other OIDC key holds one value. */
export const multiValuedSuffixes: readonly string[] = ["amr"];

const githubHost = "token.actions.githubusercontent.com";
const githubEnterprisePrefix = `${githubHost}/`;

/** github.com's issuer, or a GHEC enterprise issuer under it (`…/<slug>`, CLOUDS.md 4). */
export function isGithubProviderKey(providerKey: string): boolean {
  const key = providerKey.toLowerCase();
  return key === githubHost || key.startsWith(githubEnterprisePrefix);
}

// Global keys a trust policy may sensibly test on a web-identity request.
// A short explicit list: an `aws:` or `sts:` key outside it is reported as a
// warning (it may exist but be absent from this request), never an error.
const knownGlobalKeys: { pattern: RegExp; singleValued: boolean }[] = [
  { pattern: /^aws:sourceip$/, singleValued: true },
  { pattern: /^aws:requesttag\/.+$/, singleValued: true },
  { pattern: /^aws:principaltag\/.+$/, singleValued: true },
  { pattern: /^aws:tagkeys$/, singleValued: false },
  { pattern: /^aws:currenttime$/, singleValued: true },
  { pattern: /^aws:epochtime$/, singleValued: true },
  { pattern: /^aws:securetransport$/, singleValued: true },
  { pattern: /^aws:requestedregion$/, singleValued: true },
  { pattern: /^sts:rolesessionname$/, singleValued: true },
  { pattern: /^sts:sourceidentity$/, singleValued: true },
  { pattern: /^sts:transitivetagkeys$/, singleValued: false },
];

export type ConditionKeyInfo = {
  /** False: STS never sets this key for this provider's tokens (an error). */
  valid: boolean;
  /** What follows the provider key (or the global prefix), e.g. `sub`. */
  suffix: string;
  singleValued: boolean;
  scope: "provider" | "global" | "unknown";
  /** Why it is invalid, or, when valid, a caveat worth a warning. */
  message?: string;
};

// CLOUDS.md 2.4: a missing key makes a positive condition false and a negated one true.
const absent =
  "the key is always absent, so the condition is false (true under a negated operator)";

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describeGlobalKey(key: string): ConditionKeyInfo {
  const lower = key.toLowerCase();
  const suffix = key.slice(key.indexOf(":") + 1);
  const known = knownGlobalKeys.find((entry) => entry.pattern.test(lower));
  if (known) return { valid: true, suffix, singleValued: known.singleValued, scope: "global" };
  return {
    valid: true,
    suffix,
    singleValued: true,
    scope: "global",
    message: `Fedlens does not know whether STS sets ${shorten(key)} for a web-identity request; if it is absent, the condition is false.`,
  };
}

function describeProviderSuffix(suffix: string, providerKey: string): ConditionKeyInfo {
  const lower = suffix.toLowerCase();
  const info = {
    suffix,
    singleValued: !multiValuedSuffixes.includes(lower),
    scope: "provider" as const,
  };
  if ((oidcConditionSuffixes as readonly string[]).includes(lower)) {
    if (lower === "oaud" && providerKey.toLowerCase() !== "accounts.google.com") {
      return { ...info, valid: true, message: "AWS documents :oaud only for accounts.google.com." };
    }
    if (lower === "email") {
      return {
        ...info,
        valid: true,
        message: ":email works but is not in AWS's documented key list.",
      };
    }
    return { ...info, valid: true };
  }
  if ((githubConditionSuffixes as readonly string[]).includes(lower)) {
    if (isGithubProviderKey(providerKey)) return { ...info, valid: true };
    return {
      ...info,
      valid: false,
      message: `STS sets :${suffix} only for GitHub's issuer; for this provider ${absent}.`,
    };
  }
  return {
    ...info,
    valid: false,
    message: `STS does not expose the claim '${shorten(suffix, 40)}' as a condition key (only aud, sub, amr, azp, oaud, email); ${absent}.`,
  };
}

/**
 * What a condition key means for a role trusting `providerKey` (the provider
 * URL without https://). Keys are `<providerKey>:<suffix>` or global `aws:`
 * (and `sts:`) keys.
 */
export function describeConditionKey(key: string, providerKey: string): ConditionKeyInfo {
  const lower = key.toLowerCase();
  if (lower.startsWith("aws:") || lower.startsWith("sts:")) return describeGlobalKey(key);
  const prefix = `${providerKey.toLowerCase()}:`;
  if (lower.startsWith(prefix))
    return describeProviderSuffix(key.slice(prefix.length), providerKey);
  const colon = key.lastIndexOf(":");
  const suffix = colon >= 0 ? key.slice(colon + 1) : key;
  return {
    valid: false,
    suffix,
    singleValued: true,
    scope: "unknown",
    message:
      colon > 0
        ? `This key belongs to another provider: STS sets only ${shorten(providerKey)}:… keys for this provider's tokens; ${absent}.`
        : `A condition key is ${shorten(providerKey)}:<claim> or a global aws: key.`,
  };
}
