import { boundedMemo } from "@/lib/bounded-memo";
import { isGithubProviderKey } from "@/lib/clouds/aws/condition-keys";
import { isNegatedOperator, isWildcardOperator } from "@/lib/clouds/aws/operators";
import {
  subjectPatternReason,
  type SubjectPatternReason,
} from "@/lib/clouds/aws/match/broad-patterns";
import type { ConditionResult } from "@/lib/clouds/aws/match/conditions";
import { tokenVariableShape } from "@/lib/clouds/aws/match/policy-variables";
import { builtInProviderPins, type ResolvedProvider } from "@/lib/clouds/aws/match/provider";
import type { StatementOutcome } from "@/lib/clouds/aws/match/statements";
import { shorten } from "@/lib/clouds/aws/match/step";
import { issuerTenancyOf } from "@/lib/federation/multi-tenant-issuers";
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

// A GHEC enterprise issuer (https://token.actions.githubusercontent.com/<slug>,
// CLOUDS.md 2.1, 4) signs only for that enterprise's organizations.
// Asked on every acceptance, of an account's few provider URLs.
const rememberedLabels = boundedMemo<string | null>(500);

// A prepared binding, and the bindings of one account, ask about the same URL in turn.
let lastLabel: { providerUrl: string; label: string | undefined } | undefined;

function multiTenantLabel(providerUrl: string): string | undefined {
  if (lastLabel?.providerUrl !== providerUrl) {
    const label =
      rememberedLabels(providerUrl, () => readTenantLabel(providerUrl) ?? null) ?? undefined;
    lastLabel = { providerUrl, label };
  }
  return lastLabel.label;
}

function readTenantLabel(providerUrl: string): string | undefined {
  const tenancy = issuerTenancyOf(providerUrl);
  if (!tenancy) return undefined;
  if (tenancy.issuer === "github" && tenancy.enterprise) {
    return `repository of GitHub enterprise ${shorten(tenancy.enterprise, 40)}`;
  }
  return tenantLabels[tenancy.issuer];
}

function pinsOf(outcome: StatementOutcome, keys: readonly string[]): ConditionResult[] {
  const pins: ConditionResult[] = [];
  for (const result of outcome.conditions) {
    if (
      result.ok &&
      result.contextValues !== undefined &&
      !isNegatedOperator(result.operator.base) &&
      result.operator.base !== "Null" &&
      result.operator.setPrefix !== "ForAllValues" &&
      keys.includes(result.lowerKey)
    ) {
      pins.push(result);
    }
  }
  return pins;
}

// The keys that pin a workload of a multi-tenant issuer, for the provider
// judged last: a prepared binding asks about the same provider every time.
let pinKeysFor: { providerKey: string; keys: readonly string[] } | undefined;

function workloadPinKeys(providerKey: string, github: boolean): readonly string[] {
  if (pinKeysFor?.providerKey !== providerKey) {
    const suffixes = github ? ["sub", "repository", "repository_id"] : ["sub"];
    const keys = suffixes.map((suffix) => `${providerKey}:${suffix}`.toLowerCase());
    pinKeysFor = { providerKey, keys };
  }
  return pinKeysFor.keys;
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
  // CLOUDS.md 2.1; IAM "Create a role for web identity federation"
  return `${outcome.label} allows with no condition on ${shorten(providerKey, 60)} ${named}: ${providerKey} is a built-in provider with no client-id list, so a token any app obtains from it can assume the role (IAM "Create a role for web identity federation").`;
}

// IAM policy elements, "Variables and tags": ${<provider>:sub} is the
// request's own sub, so StringEquals { "<provider>:sub": "${<provider>:sub}" }
// compares the claim with itself, and a value built around such a variable
// lets the token choose that part (repo:${…:repository}:… admits any owner).
function selfPinReason(result: ConditionResult, providerKey: string, tenant: string) {
  if (!result.variables) return undefined;
  const wildcards = isWildcardOperator(result.operator.base);
  for (const value of result.policyValues) {
    // A value without `${` has no variable, so no shape.
    if (!value.includes("${")) continue;
    const shape = tokenVariableShape(value, providerKey, wildcards);
    if (shape === undefined) continue;
    const head = `pins ${shorten(result.key, 70)} only with "${shorten(value, 60)}", a policy variable the token fills itself`;
    if (/^\*+$/.test(shape)) {
      // IAM "Variables and tags"; CLOUDS.md 5.1
      return `${head}: the variable compares the claim with itself, so any ${tenant} whose token carries an accepted aud can assume the role (IAM "Variables and tags").`;
    }
    const reason = result.key.toLowerCase().endsWith(":sub")
      ? broadSubjectPatternReason(shape)
      : undefined;
    if (reason)
      // IAM "Variables and tags"; CLOUDS.md 5.2
      return `${head}: read as "${shorten(shape, 60)}", it ${reason} (IAM "Variables and tags").`;
  }
  return undefined;
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
  const pins = pinsOf(outcome, workloadPinKeys(providerKey, github));
  if (pins.length === 0) {
    const keys = github ? ":sub, :repository or :repository_id" : ":sub";
    // CLOUDS.md 5.1, 5.11
    return `${outcome.label} allows with no condition on ${shorten(providerKey, 60)}${keys}: any ${tenant} whose token carries an accepted aud can assume the role.`;
  }
  // Pinned only by the token's own values (selfPinReason) or only by wildcard
  // subject patterns such as repo:org/* (CLOUDS.md 5.2); both readings are
  // pure, so the first pin that is neither settles it.
  let selfPin: string | undefined;
  let pattern: SubjectPatternReason | undefined;
  for (const result of pins) {
    const self = selfPinReason(result, providerKey, tenant);
    if (self !== undefined) {
      selfPin ??= self;
      continue;
    }
    const reason = subjectPatternReason(result);
    if (!reason) return undefined;
    pattern ??= reason;
  }
  if (!pattern) return `${outcome.label} ${selfPin}`;
  // CLOUDS.md 5.2
  return `${outcome.label} pins the subject only with the pattern "${shorten(pattern.pattern, 60)}", which ${pattern.reason}.`;
}
