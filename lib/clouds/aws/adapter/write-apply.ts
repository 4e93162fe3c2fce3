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
import { guardPlannedWrite } from "@/lib/clouds/write-guard";
import { comparableAwsCloudObject, sameJson, statementSpec } from "./statement-spec";
import { decodeTrustPolicy, unreadablePolicyError } from "./trust-document";
import {
  desiredStatement,
  parseBindingSpec,
  parseRoleConfig,
  providerNeed,
  type ProviderNeed,
} from "./write-desired";
import { withKeyLock } from "./write-lock";
import { editTrustPolicy, serialisePolicy, type PolicyEdit } from "./write-policy";
import { knownProvider } from "./known-providers";
import { ensureProvider, type EnsuredProvider } from "./write-provider";

// apply for one statement, under the role's lock: GetRole → change only the
// statement with this Sid, if it is still the one planned → ensure the
// provider it names (create, add client id) → UpdateAssumeRolePolicy when the
// document changed. Creating the role is not Fedlens's job.
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

/** The statement the plan saw under the change's key (the read side's cloud object holds it). */
function plannedStatement(change: PlannedChange): unknown {
  if (change.op === "create") return null;
  return (change.actual.cloudObject as { statement?: unknown } | null)?.statement;
}

type Rewrite = { edit: PolicyEdit; provider?: EnsuredProvider };

/**
 * Under the role's lock: GetRole, the edit, the check that the statement is
 * still the one planned (write-guard.ts), then the provider the statement
 * needs, then UpdateAssumeRolePolicy when the document changed. The provider
 * is ensured only once the change is known to go ahead, so a refused change
 * writes nothing at all.
 */
async function rewriteTrustPolicy(
  iam: IAMClient,
  config: TAwsRoleConfig,
  arn: string,
  change: PlannedChange,
  desired: { statement: Record<string, unknown>; need?: ProviderNeed } | null,
  context: WriteContext,
): Promise<Rewrite> {
  // The provider is read beside the role (a read, shared by the role lanes
  // of this run); it is ensured only once the guard lets the change through.
  const need = desired?.need;
  const seen = need && knownProvider(iam, need.arn, context);
  // A refused change never waits for it; its failure is then nobody's.
  seen?.catch(() => undefined);
  const role = await readRole(iam, config.roleName, context);
  if (!role) throw missingRole(config, arn);
  const decoded = decodeTrustPolicy(role.AssumeRolePolicyDocument);
  if (!decoded.ok) throw new CloudCallError(unreadablePolicyError(decoded.message, arn));
  const outcome = editTrustPolicy(
    decoded.document,
    decoded.statements,
    change.key,
    desired?.statement ?? null,
    context.trustPolicyQuota,
  );
  if (!outcome.ok) throw new CloudCallError({ ...outcome.error, object: arn });
  const edit = outcome.value;
  const planned = plannedStatement(change);
  guardPlannedWrite(
    change,
    {
      current: edit.before,
      isDone: edit.edit === "none",
      isPlanned: (current) => sameJson({ Sid: change.key, ...current }, planned),
    },
    `${arn} ${change.key}`,
  );
  const provider = need && seen ? await ensureProvider(iam, need, context, seen) : undefined;
  if (edit.edit === "none") return { edit, provider };
  await retried(context, () =>
    iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: config.roleName,
        PolicyDocument: serialisePolicy(edit.document),
      }),
      { abortSignal: context.signal },
    ),
  );
  return { edit, provider };
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
  const statement = change.op === "delete" ? null : desiredStatement(spec, config, arn);
  const desired = statement && { statement, need: providerNeed(spec, config, statement) };
  try {
    return await withAwsClients(connection, async ({ iam }) => {
      const { edit, provider } = await withKeyLock(arn, () =>
        rewriteTrustPolicy(iam, config, arn, change, desired, context),
      );
      const written = provider ? withProvider(config, provider.provider) : config;
      const providerWrites = provider?.writes.length ?? 0;
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
