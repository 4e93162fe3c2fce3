import { checkAwsEvaluatorBinding } from "@/lib/clouds/aws/check-evaluator-binding";
import { awsAdmission, awsSiblingsMayRefuse } from "@/lib/clouds/aws/admission";
import { awsNarrowingFix } from "@/lib/clouds/aws/narrowing-fix";
import {
  awsBindingFindings,
  awsProvider,
  normalizeAwsSpec,
} from "@/lib/clouds/aws/binding-findings";
import { ZAwsBindingSpec, type TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { roleArn } from "@/lib/clouds/aws/ids";
import {
  awsRoleIdentity,
  ZAwsRoleConfig,
  type TAwsRoleConfig,
} from "@/lib/clouds/aws/target-config";
import { orderStatementKeys, renderTrustPolicy, subjectsOf } from "@/lib/clouds/aws/trust-policy";
import type { IamStatement } from "@/lib/clouds/aws/trust-statement";
import { noFindings } from "@/lib/catalog/findings";
import {
  normaliseAwsEvaluatorBinding,
  ZAwsEvaluatorBinding,
  type TAwsEvaluatorBinding,
} from "@/lib/clouds/aws/evaluator-binding";
import { evaluateAwsBinding } from "@/lib/clouds/aws/match";
import { readPolicies } from "@/lib/clouds/aws/match/trust-policy-steps";
import type {
  BindingContext,
  CloudCatalog,
  CloudEvaluator,
  PreparedEvaluation,
  TargetKindInfo,
} from "@/lib/clouds/types";

export const awsTargetKinds = {
  "aws-role": {
    cloud: "aws",
    label: "AWS IAM role",
    configSchema: ZAwsRoleConfig,
    identity: awsRoleIdentity,
    findings: noFindings,
  } satisfies TargetKindInfo<TAwsRoleConfig>,
};

/** The provider, the role, and its whole trust policy: this binding's statement among its siblings'. */
function awsTrust(context: BindingContext<TAwsBindingSpec>) {
  const account = awsProvider(context);
  const { config, provider } = account;
  const statements = context.siblings.map(
    (sibling) => (sibling.spec as TAwsBindingSpec).statement as IamStatement,
  );
  statements.push(context.spec.statement as IamStatement);
  return {
    account,
    roleArn: roleArn(config.accountId, config.path, config.roleName),
    clientIds: provider?.clientIds ?? [],
    thumbprints: provider?.thumbprints ?? [],
    trustPolicy: renderTrustPolicy(statements),
  };
}

function awsCloudObject(context: BindingContext<TAwsBindingSpec>) {
  const { account, roleArn, clientIds, thumbprints, trustPolicy } = awsTrust(context);
  return {
    roleArn,
    providerUrl: context.spec.providerUrl,
    providerArn: account.providerArn,
    clientIds,
    thumbprints,
    statement: orderStatementKeys(context.spec.statement as IamStatement),
    trustPolicy,
  };
}

export const awsCatalog: CloudCatalog<TAwsBindingSpec> = {
  cloud: "aws",
  label: "AWS",
  bindingSpecSchema: ZAwsBindingSpec,
  normalizeSpec: normalizeAwsSpec,
  bindingFindings: awsBindingFindings,
  narrowingFix: awsNarrowingFix,
  bindingLookup: (context) => ({
    name: context.spec.sid,
    issuerUrl: context.spec.providerUrl,
    subject: subjectsOf(
      context.spec.statement as IamStatement,
      awsProvider(context).providerKey,
    ).join(" "),
  }),
  cloudObject: awsCloudObject,
  evaluatorBinding: (context) => {
    const { account, roleArn, clientIds, thumbprints, trustPolicy } = awsTrust(context);
    const { config, builtIn } = account;
    const providerUrl = context.spec.providerUrl;
    // STS looks the provider up by the token's iss among all of the account's (CLOUDS.md 2.3).
    const additionalProviders = config.oidcProviders
      .filter((other) => other.url !== providerUrl)
      .map((other) => ({ providerUrl: other.url, clientIds: other.clientIds }));
    // A built-in provider has no client-id list (CLOUDS.md 2.1).
    return builtIn
      ? { cloud: "aws", providerUrl, roleArn, trustPolicy, additionalProviders }
      : {
          cloud: "aws",
          providerUrl,
          clientIds,
          thumbprints,
          roleArn,
          trustPolicy,
          additionalProviders,
        };
  },
};

export const awsEvaluator: CloudEvaluator = {
  cloud: "aws",
  bindingSchema: ZAwsEvaluatorBinding,
  checkBinding: checkAwsEvaluatorBinding,
  evaluate: (input) => prepareAws(input.binding)(input),
  prepare: prepareAws,
  admission: awsAdmission,
  siblingsMayRefuse: awsSiblingsMayRefuse,
};

function prepareAws(binding: unknown): PreparedEvaluation {
  const normalised = normaliseAwsEvaluatorBinding(binding as TAwsEvaluatorBinding);
  const policies = readPolicies(normalised);
  return (input) => evaluateAwsBinding(input, normalised, policies);
}
