import { isGithubProviderKey } from "@/lib/clouds/aws/condition-keys";
import { isNegatedOperator } from "@/lib/clouds/aws/operators";
import { wildcardView } from "@/lib/clouds/aws/match/policy-variables";
import { matchesUnits } from "@/lib/federation/wildcard";
import { builtInProviderPins, type ResolvedProvider } from "@/lib/clouds/aws/match/provider";
import type { StatementOutcome } from "@/lib/clouds/aws/match/statements";
import { shorten } from "@/lib/clouds/aws/match/step";
import { sharedIssuerOf } from "@/lib/federation/multi-tenant-issuers";
import { broadSubjectPatternReason } from "@/lib/federation/wildcard";

// An allowing statement is broad when the issuer signs tokens for every
// tenant of a SaaS (GitHub, GitLab.com, HCP Terraform: one iss and shared
// audiences for all) and nothing pins the workload: no condition on :sub
// (or GitHub's repository / repository_id keys), or only a pattern such as
// repo:org/* (CLOUDS.md 5.1, 5.2, 5.11; Datadog "IAM role can be assumed by
// any GitHub Action").

const tenantLabels = {
  github: "GitHub Actions repository",
  gitlab: "GitLab.com project",
  terraform: "HCP Terraform workspace",
} as const;

function multiTenantLabel(providerUrl: string): string | undefined {
  const shared = sharedIssuerOf(providerUrl);
  return shared ? tenantLabels[shared] : undefined;
}

function pinsOf(outcome: StatementOutcome, keys: string[]) {
  return outcome.conditions.filter(
    (result) =>
      result.ok &&
      result.contextValues !== undefined &&
      !isNegatedOperator(result.operator.base) &&
      result.operator.base !== "Null" &&
      result.operator.setPrefix !== "ForAllValues" &&
      keys.includes(result.key.toLowerCase()),
  );
}

// Built-in providers (accounts.google.com, Cognito, Facebook, Amazon) have no
// IAM provider object and so no ClientIDList (CLOUDS.md 2.1, 2.3 step 3): the
// audience check STS runs for an OIDC provider never happens, and only the
// trust policy's :aud/:oaud (or app_id) condition ties the role to one app.
// Without one, any app's token from that IdP is admitted.
function builtInReason(outcome: StatementOutcome, providerKey: string): string | undefined {
  const suffixes = builtInProviderPins[providerKey.toLowerCase()];
  if (!suffixes) return undefined;
  const keys = suffixes.map((suffix) => `${providerKey}:${suffix}`.toLowerCase());
  if (pinsOf(outcome, keys).length > 0) return undefined;
  const named = suffixes.map((suffix) => `:${suffix}`).join(", ");
  return `${outcome.label} allows with no condition on ${shorten(providerKey, 60)} ${named}: ${providerKey} is a built-in provider with no client-id list, so a token any app obtains from it can assume the role (CLOUDS.md 2.1; IAM "Create a role for web identity federation").`;
}

/** Why the statement that allows admits far more than one workload, or undefined. */
export function broadReason(
  outcome: StatementOutcome,
  resolved: Pick<ResolvedProvider, "provider" | "providerKey" | "builtIn">,
): string | undefined {
  const providerKey = resolved.providerKey;
  if (resolved.builtIn) return builtInReason(outcome, providerKey);
  const tenant = multiTenantLabel(resolved.provider.url);
  if (!tenant) return undefined;
  const github = isGithubProviderKey(providerKey);
  const pinKeys = (github ? ["sub", "repository", "repository_id"] : ["sub"]).map((suffix) =>
    `${providerKey}:${suffix}`.toLowerCase(),
  );
  const pins = pinsOf(outcome, pinKeys);
  if (pins.length === 0) {
    const keys = github ? ":sub, :repository or :repository_id" : ":sub";
    return `${outcome.label} allows with no condition on ${shorten(providerKey, 60)}${keys}: any ${tenant} whose token carries an accepted aud can assume the role (CLOUDS.md 5.1, 5.11).`;
  }
  // Pinned only by wildcard subject patterns such as repo:org/* (CLOUDS.md 5.2).
  const patternReasons = pins.map((result) => {
    const actual = result.contextValues?.[0] ?? "";
    // Literal * and ? (${*}, ${?} under policy variables) widen nothing.
    const matching = (result.patterns ?? [])
      .filter((units) => matchesUnits(units, actual))
      .map(wildcardView);
    const reasons = result.key.toLowerCase().endsWith(":sub")
      ? matching.map((value) => [value, broadSubjectPatternReason(value)] as const)
      : [];
    const broad = reasons.length > 0 && reasons.every(([, reason]) => reason !== undefined);
    return broad ? reasons[0] : undefined;
  });
  if (patternReasons.every((reason) => reason !== undefined)) {
    const [pattern, reason] = patternReasons[0] as readonly [string, string | undefined];
    return `${outcome.label} pins the subject only with the pattern "${shorten(pattern, 60)}", which ${reason} (CLOUDS.md 5.2).`;
  }
  return undefined;
}
