import { CloudCallError, type CloudError } from "@/lib/clouds/adapter-types";
import { awsCatalog } from "@/lib/clouds/aws";
import { awsProvider } from "@/lib/clouds/aws/binding-findings";
import { ZAwsBindingSpec, type TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { ZAwsRoleConfig, type TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { orderStatementKeys } from "@/lib/clouds/aws/trust-policy";
import type { IamStatement } from "@/lib/clouds/aws/trust-statement";
import { isRecord } from "@/lib/json/is-record";
import { awsBindingContext, statementAudiences } from "./statement-spec";
import { invalidTargetError } from "./trust-document";

// What a change asks of IAM, in IAM's terms: the statement (built by the
// catalogue's own normalizeSpec, never by a second copy of its rules), the
// provider it names and the audiences that provider must list.

const invalidSpec = (message: string, object: string): CloudError => ({
  kind: "invalid",
  code: "FedlensInvalidBinding",
  message,
  cause: "The binding's statement is not one Fedlens can write.",
  fix: "Edit the binding until it saves without errors, then plan again.",
  object,
});

export function parseRoleConfig(config: unknown, object: string): TAwsRoleConfig {
  const parsed = ZAwsRoleConfig.safeParse(config);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? "The target's settings are not valid.";
  throw new CloudCallError(invalidTargetError(message, object));
}

export function parseBindingSpec(spec: unknown, object: string): TAwsBindingSpec {
  const parsed = ZAwsBindingSpec.safeParse(spec);
  if (parsed.success) return parsed.data;
  throw new CloudCallError(
    invalidSpec(parsed.error.issues[0]?.message ?? "The binding is not valid.", object),
  );
}

/** The statement IAM should hold for `spec`, keys in the order IAM prints them. */
export function desiredStatement(
  spec: TAwsBindingSpec,
  config: TAwsRoleConfig,
  object: string,
): Record<string, unknown> {
  const normalized = awsCatalog.normalizeSpec?.(awsBindingContext(spec, config)) ?? {
    spec,
    findings: { errors: [], warnings: [] },
  };
  const error = normalized.findings.errors[0];
  if (error) throw new CloudCallError(invalidSpec(error.message, object));
  const statement = normalized.spec.statement;
  if (!isRecord(statement)) {
    throw new CloudCallError(invalidSpec("The binding's statement is not a JSON object.", object));
  }
  // The Sid is how the statement is found again: a statement without it
  // would be added anew on every apply.
  if (statement.Sid !== spec.sid) {
    throw new CloudCallError(
      invalidSpec(`The statement's Sid must be ${spec.sid}, the binding's.`, object),
    );
  }
  return orderStatementKeys(statement as IamStatement) as Record<string, unknown>;
}

export type ProviderNeed = {
  arn: string;
  url: string;
  /** The catalogue's provider settings, used when the provider must be created. */
  clientIds: string[];
  thumbprints: string[];
  /** Client ids the statement needs the provider to list. */
  audiences: string[];
};

/** The IAM OIDC provider the statement needs; undefined for a provider built into AWS. */
export function providerNeed(
  spec: TAwsBindingSpec,
  config: TAwsRoleConfig,
  statement: Record<string, unknown>,
): ProviderNeed | undefined {
  const context = awsBindingContext(spec, config);
  const { provider, builtIn, providerArn, providerKey } = awsProvider(context);
  if (builtIn) return undefined;
  const audiences = statementAudiences(statement, providerKey);
  return {
    arn: providerArn,
    url: spec.providerUrl,
    clientIds: [...new Set([...(provider?.clientIds ?? []), ...audiences])],
    thumbprints: provider?.thumbprints ?? [],
    audiences,
  };
}
