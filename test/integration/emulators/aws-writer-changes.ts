// What the AWS writer's tests share: a role target as the catalogue holds it,
// builder specs for GitHub statements, the planned changes built from them,
// and the role's trust policy read back through the real SDK.
import { GetRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import type { ActualBinding, CatalogTargetRef, PlannedChange } from "@/lib/clouds/adapter-types";
import { awsCatalog } from "@/lib/clouds/aws";
import {
  awsBindingContext,
  comparableAwsCloudObject,
} from "@/lib/clouds/aws/adapter/statement-spec";
import type { TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { roleArn } from "@/lib/clouds/aws/ids";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { ACCOUNT, GITHUB, THUMBPRINT } from "@/test/integration/clouds/aws/aws-adapter-fixture";

export const AUDIENCE = "sts.amazonaws.com";

export function roleConfig(roleName: string, clientIds = [AUDIENCE]): TAwsRoleConfig {
  return {
    accountId: ACCOUNT,
    roleName,
    path: "/",
    oidcProviders: [{ url: GITHUB, clientIds, thumbprints: [THUMBPRINT] }],
  };
}

export function roleRef(
  config: TAwsRoleConfig,
  bindings: TAwsBindingSpec[] = [],
): CatalogTargetRef {
  return {
    kind: "aws-role",
    config,
    externalId: roleArn(config.accountId, config.path, config.roleName),
    bindings: bindings.map((spec) => ({ name: spec.sid, spec })),
  };
}

/** A statement from the form's fields, completed by the catalogue as a save would. */
export function builderSpec(
  config: TAwsRoleConfig,
  sid: string,
  builder: Partial<NonNullable<TAwsBindingSpec["builder"]>> & { subjects: string[] },
  providerUrl = GITHUB,
): TAwsBindingSpec {
  const spec: TAwsBindingSpec = {
    cloud: "aws",
    sid,
    providerUrl,
    mode: "builder",
    builder: {
      audiences: [AUDIENCE],
      subjectOperator: "StringEquals",
      extraConditions: [],
      ...builder,
    },
  };
  return awsCatalog.normalizeSpec?.(awsBindingContext(spec, config)).spec ?? spec;
}

export function githubSpec(config: TAwsRoleConfig, sid: string, sub: string): TAwsBindingSpec {
  return builderSpec(config, sid, { subjects: [sub] });
}

export function rawSpec(sid: string, statement: Record<string, unknown>): TAwsBindingSpec {
  return { cloud: "aws", sid, providerUrl: GITHUB, mode: "raw", statement };
}

const desired = (spec: TAwsBindingSpec, config: TAwsRoleConfig) => ({
  key: spec.sid,
  spec,
  cloudObject: comparableAwsCloudObject(spec, config),
});

export const createChange = (spec: TAwsBindingSpec, config: TAwsRoleConfig): PlannedChange => ({
  op: "create",
  key: spec.sid,
  desired: desired(spec, config),
});

export const updateChange = (
  actual: ActualBinding,
  spec: TAwsBindingSpec,
  config: TAwsRoleConfig,
): PlannedChange => ({ op: "update", key: spec.sid, actual, desired: desired(spec, config) });

export const deleteChange = (actual: ActualBinding): PlannedChange => ({
  op: "delete",
  key: actual.key,
  actual,
});

/** The role's trust policy as IAM holds it now. */
export async function trustPolicyOf(
  iam: IAMClient,
  roleName: string,
): Promise<{ Statement: Record<string, unknown>[] }> {
  const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
  const text = Role?.AssumeRolePolicyDocument ?? "";
  return JSON.parse(decodeURIComponent(text)) as { Statement: Record<string, unknown>[] };
}

/** The IAM actions that change something, as the emulator logged them. */
export const writeActions = [
  "UpdateAssumeRolePolicy",
  "CreateOpenIDConnectProvider",
  "AddClientIDToOpenIDConnectProvider",
];
