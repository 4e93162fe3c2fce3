// The condition keys STS builds from a verified web identity token: the
// provider's host+path, a colon, the key. Only documented claims become
// keys; custom or nested claims never do (a condition on them finds no key).
// CLOUDS.md §2.4;
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif

const COMMON_KEYS = ["sub", "azp", "amr", "email"];

// Claims STS also validates as keys for GitHub's issuer (Jan 2026 launch,
// CLOUDS.md §2.4): https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/
const GITHUB_KEYS = [
  "actor",
  "actor_id",
  "job_workflow_ref",
  "repository",
  "repository_id",
  "workflow",
  "ref",
  "environment",
  "enterprise_id",
];
const GITHUB_HOST = "token.actions.githubusercontent.com";
const GOOGLE_HOST = "accounts.google.com";

function claimValues(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  return undefined;
}

/**
 * `providerKey` is the provider URL without https://; `audience` the client
 * id the token was accepted for. Keys are lower-cased for lookup.
 */
export function webIdentityConditionKeys(
  providerKey: string,
  claims: Record<string, unknown>,
  audience: string,
): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  const put = (name: string, values: string[] | undefined) => {
    if (values !== undefined) keys.set(`${providerKey}:${name}`.toLowerCase(), values);
  };
  for (const name of COMMON_KEYS) put(name, claimValues(claims[name]));
  const isGithub = providerKey === GITHUB_HOST || providerKey.startsWith(`${GITHUB_HOST}/`);
  if (isGithub) for (const name of GITHUB_KEYS) put(name, claimValues(claims[name]));
  if (providerKey === GOOGLE_HOST) {
    // Google: :aud is azp when the token has one, :oaud is always the raw aud.
    put("aud", claimValues(claims.azp) ?? claimValues(claims.aud));
    put("oaud", claimValues(claims.aud));
  } else {
    // Other issuers: the one audience the provider accepted (what STS
    // returns as Audience); whether azp replaces it there is unconfirmed.
    put("aud", [audience]);
  }
  return keys;
}
