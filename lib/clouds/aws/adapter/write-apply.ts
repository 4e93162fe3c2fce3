import "server-only";
import { UpdateAssumeRolePolicyCommand, type IAMClient } from "@aws-sdk/client-iam";
import {
  CloudCallError,
  type ActualBinding,
  type ApplyResult,
  type CatalogTargetRef,
  type ConnectionOf,
  type PlannedChange,
} from "@/lib/clouds/adapter-types";
import type { TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { roleArn } from "@/lib/clouds/aws/ids";
import { orderStatementKeys } from "@/lib/clouds/aws/trust-policy";
import type { IamStatement } from "@/lib/clouds/aws/trust-statement";
import type { TAwsOidcProvider, TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { withAwsClients } from "./clients";
import { explainAwsError } from "./explain";
import { readRole, retried, type CallContext } from "./iam-reads";
import { comparableAwsCloudObject, statementSpec } from "./statement-spec";
import { decodeTrustPolicy, unreadablePolicyError } from "./trust-document";
import { desiredStatement, parseBindingSpec, parseRoleConfig, providerNeed } from "./write-desired";
import { withKeyLock } from "./write-lock";
import { editTrustPolicy, serialisePolicy, type PolicyEdit } from "./write-policy";
import { ensureProvider } from "./write-provider";

// apply for one statement: ensure the provider it names (create, add client
// id), then read-modify-write the role's trust policy under the role's lock:
// GetRole → change only the statement with this Sid → UpdateAssumeRolePolicy
// when the document changed. Creating the role is not Fedlens's job.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html

export type WriteContext = CallContext & {
  /** The role trust policy length quota when the account raised it (default 2,048; at most 4,096). */
  trustPolicyQuota?: number;
};

function missingRole(config: TAwsRoleConfig, arn: string): CloudCallError {
  return new CloudCallError({
    kind: "not-found",
    code: "NoSuchEntity",
    message: `The role with name ${config.roleName} cannot be found.`,
    cause: "Fedlens writes trust statements into an existing role; it does not create roles.",
    fix: `Create the role ${config.roleName} in account ${config.accountId} (in IAM or with your infrastructure code), or correct the target's role name and path.`,
    object: arn,
  });
}

async function rewriteTrustPolicy(
  iam: IAMClient,
  config: TAwsRoleConfig,
  arn: string,
  key: string,
  desired: Record<string, unknown> | null,
  context: WriteContext,
): Promise<PolicyEdit> {
  const role = await readRole(iam, config.roleName, context);
  if (!role) throw missingRole(config, arn);
  const decoded = decodeTrustPolicy(role.AssumeRolePolicyDocument);
  if (!decoded.ok) throw new CloudCallError(unreadablePolicyError(decoded.message, arn));
  const outcome = editTrustPolicy(
    decoded.document,
    decoded.statements,
    key,
    desired,
    context.trustPolicyQuota,
  );
  if (!outcome.ok) throw new CloudCallError({ ...outcome.error, object: arn });
  if (outcome.value.edit === "none") return outcome.value;
  await retried(context, () =>
    iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: config.roleName,
        PolicyDocument: serialisePolicy(outcome.value.document),
      }),
      { abortSignal: context.signal },
    ),
  );
  return outcome.value;
}

/** The binding as the read side would report it (read-target.ts builds the same). */
function afterBinding(
  key: string,
  statement: Record<string, unknown>,
  spec: TAwsBindingSpec,
  config: TAwsRoleConfig,
): ActualBinding {
  const ordered = orderStatementKeys({ Sid: key, ...statement } as IamStatement);
  const read = statementSpec(ordered, key, spec.providerUrl, config) ?? spec;
  return { key, spec: read, cloudObject: comparableAwsCloudObject(read, config) };
}

function withProvider(config: TAwsRoleConfig, provider: TAwsOidcProvider): TAwsRoleConfig {
  const known = config.oidcProviders.some((p) => p.url === provider.url);
  return {
    ...config,
    oidcProviders: known
      ? config.oidcProviders.map((p) => (p.url === provider.url ? provider : p))
      : [...config.oidcProviders, provider],
  };
}

export async function applyAwsChange(
  connection: ConnectionOf<"aws">,
  target: CatalogTargetRef,
  change: PlannedChange,
  context: WriteContext,
): Promise<ApplyResult> {
  const config = parseRoleConfig(target.config, target.externalId);
  const arn = roleArn(config.accountId, config.path, config.roleName);
  const spec = parseBindingSpec(
    change.op === "delete" ? change.actual.spec : change.desired.spec,
    arn,
  );
  const desired = change.op === "delete" ? null : desiredStatement(spec, config, arn);
  try {
    return await withAwsClients(connection, async ({ iam }) => {
      let written = config;
      let providerWrites = 0;
      const need = desired && providerNeed(spec, config, desired);
      if (need) {
        const ensured = await ensureProvider(iam, need, context);
        written = withProvider(config, ensured.provider);
        providerWrites = ensured.writes.length;
      }
      const edit = await withKeyLock(arn, () =>
        rewriteTrustPolicy(iam, config, arn, change.key, desired, context),
      );
      return {
        status: edit.edit === "none" && providerWrites === 0 ? "unchanged" : "applied",
        after: edit.after ? afterBinding(change.key, edit.after, spec, written) : null,
      };
    });
  } catch (error) {
    const mapped = explainAwsError(error);
    throw new CloudCallError({ ...mapped, object: mapped.object ?? arn });
  }
}
