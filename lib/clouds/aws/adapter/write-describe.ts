import type {
  CatalogTargetRef,
  ChangeDescription,
  PlannedChange,
} from "@/lib/clouds/adapter-types";
import { roleArn } from "@/lib/clouds/aws/ids";
import { ZAwsRoleConfig, type TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { renderTrustPolicy } from "@/lib/clouds/aws/trust-policy";
import type { IamStatement } from "@/lib/clouds/aws/trust-statement";
import { ZAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { isRecord } from "@/lib/json/is-record";
import { desiredStatement, providerNeed } from "./write-desired";
import { isStatementFor } from "./write-policy";

// The plan's view of one AWS change: the calls apply may make, in plain
// words, and the role's trust policy before and after. Pure, so the policy
// shown is made of the statements the catalogue holds for the role; the
// statements Fedlens does not own are not known here and are kept as they
// are by apply.

type Json = Record<string, unknown>;

/** The statement a spec stands for; the spec's own when it cannot be built (apply will refuse it). */
function statementOf(spec: unknown, config: TAwsRoleConfig): Json | null {
  const parsed = ZAwsBindingSpec.safeParse(spec);
  if (!parsed.success) return null;
  try {
    return desiredStatement(parsed.data, config, "");
  } catch {
    return isRecord(parsed.data.statement) ? parsed.data.statement : null;
  }
}

const plural = (count: number, word: string) => `${word}${count === 1 ? "" : "s"}`;

export function describeAwsChange(
  target: CatalogTargetRef,
  change: PlannedChange,
): ChangeDescription {
  const parsedConfig = ZAwsRoleConfig.safeParse(target.config);
  if (!parsedConfig.success) {
    return {
      call: `UpdateAssumeRolePolicy on role ${target.externalId}`,
      before: null,
      after: null,
    };
  }
  const config = parsedConfig.data;
  const arn = roleArn(config.accountId, config.path, config.roleName);
  const before = change.op === "create" ? null : statementOf(change.actual.spec, config);
  const after = change.op === "delete" ? null : statementOf(change.desired.spec, config);
  const calls: string[] = [];
  const spec = change.op === "delete" ? undefined : ZAwsBindingSpec.safeParse(change.desired.spec);
  const need = spec?.success && after ? providerNeed(spec.data, config, after) : undefined;
  if (need) {
    calls.push(
      `CreateOpenIDConnectProvider for ${need.url} with ${plural(need.clientIds.length, "client id")} ${need.clientIds.join(", ")}, if the account does not have it yet`,
    );
    for (const audience of need.audiences) {
      calls.push(
        `AddClientIDToOpenIDConnectProvider on ${need.arn}: add client id ${audience}, if the provider does not list it`,
      );
    }
  }
  const verb = { create: "add", update: "replace", delete: "remove" }[change.op];
  calls.push(`UpdateAssumeRolePolicy on role ${arn}: ${verb} statement ${change.key}`);
  const siblings = target.bindings.flatMap((binding) => {
    const statement = statementOf(binding.spec, config);
    return statement && !isStatementFor(statement, change.key) ? [statement] : [];
  });
  const policy = (statement: Json | null) =>
    renderTrustPolicy([...siblings, ...(statement ? [statement] : [])] as IamStatement[]);
  return {
    call: calls.join("\n"),
    before: { roleArn: arn, statement: before, trustPolicy: policy(before) },
    after: { roleArn: arn, statement: after, trustPolicy: policy(after) },
  };
}
