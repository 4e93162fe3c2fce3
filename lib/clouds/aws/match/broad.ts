import { isGithubProviderKey } from "@/lib/clouds/aws/condition-keys";
import { isNegatedOperator } from "@/lib/clouds/aws/operators";
import type { StatementOutcome } from "@/lib/clouds/aws/match/statements";
import { shorten } from "@/lib/clouds/aws/match/step";
import { broadSubjectPatternReason, matchesWildcard } from "@/lib/federation/wildcard";

// An allowing statement is broad when the issuer signs tokens for every
// tenant of a SaaS (GitHub, GitLab.com, HCP Terraform: one iss and shared
// audiences for all) and nothing pins the workload: no condition on :sub
// (or GitHub's repository / repository_id keys), or only a pattern such as
// repo:org/* (CLOUDS.md 5.1, 5.2, 5.11; Datadog "IAM role can be assumed by
// any GitHub Action").

function multiTenantLabel(providerUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(providerUrl);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/$/, "");
  // github.com's issuer, also with a GHEC enterprise slug (CLOUDS.md 4).
  if (url.hostname === "token.actions.githubusercontent.com" && /^(?:\/[^/]+)?$/.test(path)) {
    return "GitHub Actions repository";
  }
  if (path) return undefined;
  if (url.hostname === "gitlab.com") return "GitLab.com project";
  if (url.hostname === "app.terraform.io" || url.hostname === "app.eu.terraform.io") {
    return "HCP Terraform workspace";
  }
  return undefined;
}

/** Why the statement that allows admits far more than one workload, or undefined. */
export function broadReason(
  outcome: StatementOutcome,
  providerUrl: string,
  providerKey: string,
): string | undefined {
  const tenant = multiTenantLabel(providerUrl);
  if (!tenant) return undefined;
  const github = isGithubProviderKey(providerKey);
  const pinKeys = (github ? ["sub", "repository", "repository_id"] : ["sub"]).map((suffix) =>
    `${providerKey}:${suffix}`.toLowerCase(),
  );
  const pins = outcome.conditions.filter(
    (result) =>
      result.ok &&
      result.contextValues !== undefined &&
      !isNegatedOperator(result.operator.base) &&
      result.operator.base !== "Null" &&
      result.operator.setPrefix !== "ForAllValues" &&
      pinKeys.includes(result.key.toLowerCase()),
  );
  if (pins.length === 0) {
    const keys = github ? ":sub, :repository or :repository_id" : ":sub";
    return `${outcome.label} allows with no condition on ${shorten(providerKey, 60)}${keys}: any ${tenant} whose token carries an accepted aud can assume the role (CLOUDS.md 5.1, 5.11).`;
  }
  // Pinned only by wildcard subject patterns such as repo:org/* (CLOUDS.md 5.2).
  const patternReasons = pins.map((result) => {
    const actual = result.contextValues?.[0] ?? "";
    const matching = result.policyValues.filter((value) => matchesWildcard(value, actual));
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
