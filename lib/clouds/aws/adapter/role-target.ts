import type { ActualBinding, ActualTarget } from "@/lib/clouds/adapter-types";
import { ZSid } from "@/lib/clouds/aws/trust-statement";
import {
  awsRoleIdentity,
  ZAwsRoleConfig,
  type TAwsOidcProvider,
  type TAwsRoleConfig,
} from "@/lib/clouds/aws/target-config";
import { orderStatementKeys } from "@/lib/clouds/aws/trust-policy";
import type { IamStatement } from "@/lib/clouds/aws/trust-statement";
import { comparableAwsCloudObject, contentSid, statementSpec } from "./statement-spec";
import { describeForeign } from "./foreign-statement";
import { webIdentityProvider } from "./web-identity";

// A role and its trust policy in the catalogue's terms: each web-identity
// statement for one of the account's IAM OIDC providers is a binding; every
// other statement is "foreign" (shown, never imported).

export type RoleInput = { name: string; path: string; statements: Record<string, unknown>[] };

/** The account providers the statements name, in the order first named. */
export function referencedProviders(
  statements: Record<string, unknown>[],
  providers: ReadonlyMap<string, TAwsOidcProvider>,
): string[] {
  const arns: string[] = [];
  for (const statement of statements) {
    const arn = webIdentityProvider(statement);
    if (arn && providers.has(arn) && !arns.includes(arn)) arns.push(arn);
  }
  return arns;
}

export type RoleTargetResult = {
  target: ActualTarget;
  /** Why the config does not pass the catalogue's schema (a provider without client ids…). */
  configIssue?: string;
};

/**
 * `providers`: the account's OIDC providers by ARN (those read). `leading`:
 * provider ARNs the config lists first even when no statement names them
 * (drift: the catalogue's providers).
 */
export function roleTarget(
  accountId: string,
  role: RoleInput,
  providers: ReadonlyMap<string, TAwsOidcProvider>,
  leading: string[] = [],
): RoleTargetResult {
  const arns = [...new Set([...leading, ...referencedProviders(role.statements, providers)])];
  const rawConfig = {
    accountId,
    roleName: role.name,
    path: role.path,
    oidcProviders: arns.flatMap((arn) => providers.get(arn) ?? []),
  };
  const parsed = ZAwsRoleConfig.safeParse(rawConfig);
  const config: TAwsRoleConfig = parsed.success ? parsed.data : rawConfig;
  const bindings: ActualBinding[] = [];
  const foreign: NonNullable<ActualTarget["foreign"]> = [];
  role.statements.forEach((statement, index) => {
    const providerArn = webIdentityProvider(statement);
    const provider = providerArn ? providers.get(providerArn) : undefined;
    const sid = statement.Sid;
    const sidOk = sid === undefined || ZSid.safeParse(sid).success;
    const key = sidOk ? (typeof sid === "string" && sid) || contentSid(statement) : undefined;
    const taken = key !== undefined && bindings.some((binding) => binding.key === key);
    const spec =
      provider && key && !taken
        ? statementSpec(
            orderStatementKeys({ Sid: key, ...statement } as IamStatement),
            key,
            provider.url,
            config,
          )
        : undefined;
    if (!spec || !key) {
      foreign.push({
        key: typeof sid === "string" && sid ? sid : `statement${index + 1}`,
        description: describeForeign(statement, { provider, sidOk, taken }),
        cloudObject: statement,
      });
      return;
    }
    bindings.push({
      key,
      spec,
      cloudObject: comparableAwsCloudObject(spec, config),
      ...(sid === undefined
        ? {
            description: `This statement has no Sid in AWS; Fedlens calls it ${key}, from its content. Add "Sid": "${key}" to it in AWS so it stays matched when it is edited.`,
          }
        : {}),
    });
  });
  return {
    target: {
      kind: "aws-role",
      config,
      externalId: awsRoleIdentity(config).externalId,
      displayName: role.name,
      bindings,
      ...(foreign.length ? { foreign } : {}),
    },
    ...(parsed.success
      ? {}
      : { configIssue: parsed.error.issues[0]?.message ?? "the role's settings are not valid" }),
  };
}
