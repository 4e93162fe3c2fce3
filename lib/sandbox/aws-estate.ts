import "server-only";
import { oidcProviderArn, oidcProviderKey, roleArn } from "@/lib/clouds/aws/ids";
import type { TAwsConnectionScope } from "@/lib/clouds/aws/connection-scope";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { renderTrustPolicy, type TrustPolicyDocument } from "@/lib/clouds/aws/trust-policy";
import { assumeRoleWithWebIdentity, type IamStatement } from "@/lib/clouds/aws/trust-statement";
import type { EstateTarget } from "@/lib/sandbox/demo-estate";
import type { IamEmulator } from "@/test/emulators/aws/iam-server";
import { newRoleId } from "@/test/emulators/aws/iam-state";

// The Sandbox AWS account: the demo's OIDC providers and roles, each role's
// trust policy exactly as the catalogue renders it, then what the catalogue
// does not know (a role trusting GitHub, offered for import; a statement for
// an AWS service, which no binding can describe) and what differs (a
// statement deleted in the cloud: the binding is missing there).

const github = "https://token.actions.githubusercontent.com";

function githubStatement(accountId: string, sid: string, subject: string): IamStatement {
  const key = oidcProviderKey(github);
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Federated: oidcProviderArn(accountId, github) },
    Action: assumeRoleWithWebIdentity,
    Condition: {
      StringEquals: { [`${key}:aud`]: "sts.amazonaws.com", [`${key}:sub`]: subject },
    },
  };
}

export const awsUnmanaged = {
  role: { name: "gh-docs-publisher", path: "/deploy/" },
  statement: { sid: "DocsMain", subject: "repo:contoso/docs:ref:refs/heads/main" },
  foreign: { roleName: "gh-web-deployer", sid: "Ec2Instances" },
};
/** A demo statement someone deleted in the cloud. */
export const awsDrifted = { roleName: "tfc-network", removedSid: "NetworkPlan" };

function putRole(
  emulator: IamEmulator,
  accountId: string,
  role: { name: string; path: string; policy: TrustPolicyDocument },
): void {
  emulator.state.roles.set(role.name, {
    name: role.name,
    id: newRoleId(),
    arn: roleArn(accountId, role.path, role.name),
    path: role.path,
    policy: JSON.stringify(role.policy),
    maxSessionDuration: 3600,
    createDate: new Date(),
  });
}

function putProvider(
  emulator: IamEmulator,
  accountId: string,
  provider: TAwsRoleConfig["oidcProviders"][number],
) {
  const arn = oidcProviderArn(accountId, provider.url);
  if (emulator.state.providers.has(arn)) return;
  emulator.state.providers.set(arn, {
    arn,
    url: oidcProviderKey(provider.url),
    clientIds: [...provider.clientIds],
    thumbprints: [...provider.thumbprints],
    createDate: new Date(),
  });
}

function catalogPolicy(target: EstateTarget): TrustPolicyDocument {
  const object = target.bindings[0]?.cloudObject as
    { trustPolicy?: TrustPolicyDocument } | undefined;
  return object?.trustPolicy ?? renderTrustPolicy([]);
}

function adjusted(roleName: string, policy: TrustPolicyDocument): TrustPolicyDocument {
  let statements = policy.Statement;
  if (roleName === awsDrifted.roleName) {
    statements = statements.filter((statement) => statement.Sid !== awsDrifted.removedSid);
  }
  if (roleName === awsUnmanaged.foreign.roleName) {
    statements = [
      ...statements,
      {
        Sid: awsUnmanaged.foreign.sid,
        Effect: "Allow",
        Principal: { Service: "ec2.amazonaws.com" },
        Action: "sts:AssumeRole",
        // The catalogue's statement type models federated principals only; IAM holds any.
      } as unknown as IamStatement,
    ];
  }
  return renderTrustPolicy(statements);
}

/** Fills the emulator with the demo roles of the connection's account, plus the extras. */
export function seedAwsSandbox(
  emulator: IamEmulator,
  estate: EstateTarget[],
  scope: TAwsConnectionScope,
): void {
  const { accountId } = scope;
  for (const target of estate) {
    if (target.kind !== "aws-role") continue;
    const config = target.config as TAwsRoleConfig;
    if (config.accountId !== accountId) continue;
    for (const provider of config.oidcProviders) putProvider(emulator, accountId, provider);
    putRole(emulator, accountId, {
      name: config.roleName,
      path: config.path,
      policy: adjusted(config.roleName, catalogPolicy(target)),
    });
  }
  putProvider(emulator, accountId, {
    url: github,
    clientIds: ["sts.amazonaws.com"],
    thumbprints: [],
  });
  const { role, statement } = awsUnmanaged;
  const docs = githubStatement(accountId, statement.sid, statement.subject);
  putRole(emulator, accountId, { ...role, policy: renderTrustPolicy([docs]) });
}
