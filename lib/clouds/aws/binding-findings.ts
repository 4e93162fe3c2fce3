import type { Finding, Findings } from "@/lib/catalog/findings";
import { mergeFindings, noFindings, prefixFindings } from "@/lib/catalog/findings";
import { mutableGithubSubjectFindings } from "@/lib/catalog/subjects/mutable-github-subject";
import type { TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { oidcProviderArn, oidcProviderKey } from "@/lib/clouds/aws/ids";
import { builtInProviders } from "@/lib/clouds/aws/match/built-in-providers";
import { parsePolicyJson } from "@/lib/clouds/aws/policy-json";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import {
  renderTrustPolicy,
  subjectsOf,
  trustPolicySizeFindings,
} from "@/lib/clouds/aws/trust-policy";
import { buildTrustStatement, type IamStatement } from "@/lib/clouds/aws/trust-statement";
import { validateTrustStatement } from "@/lib/clouds/aws/validate-statement";
import { matchesWildcard } from "@/lib/federation/wildcard";
import type { BindingContext } from "@/lib/clouds/types";

type Context = BindingContext<TAwsBindingSpec>;

export function awsProvider({ spec, target }: Context) {
  const config = target.config as TAwsRoleConfig;
  const provider = config.oidcProviders.find((candidate) => candidate.url === spec.providerUrl);
  // CLOUDS.md 2.1: Google and Cognito are built in: no IAM provider object,
  // and Principal.Federated names the bare host rather than an ARN.
  const builtIn = provider
    ? undefined
    : builtInProviders.find((key) => spec.providerUrl === `https://${key}`);
  return {
    config,
    provider,
    builtIn,
    providerKey: oidcProviderKey(spec.providerUrl),
    providerArn: builtIn ?? oidcProviderArn(config.accountId, spec.providerUrl),
  };
}

/** Builds the statement from the form's fields, or parses the typed JSON. */
export function normalizeAwsSpec(context: Context): { spec: TAwsBindingSpec; findings: Findings } {
  const { spec } = context;
  const { providerKey, providerArn } = awsProvider(context);
  if (spec.mode === "builder" && spec.builder) {
    const statement = buildTrustStatement({
      sid: spec.sid,
      providerArn,
      providerKey,
      ...spec.builder,
    });
    return { spec: { ...spec, statement }, findings: noFindings() };
  }
  if (typeof spec.statement === "string") {
    // CLOUDS.md 2.5: IAM keeps one of two duplicate keys, silently.
    const parsed = parsePolicyJson(spec.statement);
    if (!parsed.ok)
      return {
        spec,
        findings: { errors: [{ path: "spec.statement", message: parsed.message }], warnings: [] },
      };
    return { spec: { ...spec, statement: parsed.value }, findings: noFindings() };
  }
  return { spec, findings: noFindings() };
}

function siblingStatements(context: Context): IamStatement[] {
  return context.siblings.map(
    (sibling) => (sibling.spec as TAwsBindingSpec).statement as IamStatement,
  );
}

export function awsBindingFindings(context: Context): Findings {
  const { spec, workload, issuer, siblings } = context;
  const { provider, builtIn, providerKey, providerArn } = awsProvider(context);
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  if (!provider && !builtIn) {
    errors.push({
      path: "spec.providerUrl",
      message:
        "The role's account has no IAM OIDC provider with this URL; add it to the target first (IAM refuses a Principal.Federated that does not exist).",
    });
  }
  if (spec.providerUrl !== issuer.issuerUrl) {
    warnings.push({
      path: "spec.providerUrl",
      message: `STS looks the provider up by the token's iss, ${issuer.issuerUrl}; tokens from ${workload.name} would find no provider ("No OpenIDConnect provider found").`,
    });
  }
  if (siblings.some((sibling) => sibling.name === spec.sid)) {
    errors.push({
      path: "spec.sid",
      message:
        "Another statement of this role's trust policy has this Sid; IAM requires them to be unique.",
    });
  }
  const statementSid = (spec.statement as { Sid?: unknown } | null)?.Sid;
  if (spec.mode === "raw" && statementSid !== spec.sid) {
    errors.push({
      path: "spec.statement",
      message: `The statement's Sid must be "${spec.sid}": it is how Fedlens finds this binding's statement in the role's trust policy.`,
    });
  }
  const statementFindings = validateTrustStatement(spec.statement, {
    providerKey,
    providerArn,
    providerClientIds: provider?.clientIds ?? [],
  });
  const subjects = subjectsOf(spec.statement as IamStatement, providerKey);
  if (
    subjects.length &&
    !subjects.some(
      (pattern) => pattern === workload.subject || matchesWildcard(pattern, workload.subject),
    )
  ) {
    warnings.push({
      path: "spec.builder.subjects",
      message: `None of these match ${workload.name}'s sub ${workload.subject}; STS would answer "Not authorized to perform sts:AssumeRoleWithWebIdentity".`,
    });
  }
  warnings.push(...mutableGithubSubjectFindings("spec.builder.subjects", subjects, workload));
  const size = trustPolicySizeFindings(
    renderTrustPolicy([...siblingStatements(context), spec.statement as IamStatement]),
  );
  return mergeFindings(
    { errors, warnings },
    prefixFindings("spec.statement", statementFindings),
    prefixFindings("spec.statement", size),
  );
}
