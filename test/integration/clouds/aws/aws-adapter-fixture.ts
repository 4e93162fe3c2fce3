// What the AWS adapter's integration tests share: a connection to a backend
// (the emulator or moto, over https with its per-run CA) and the IAM objects
// they seed through the real SDK.
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { SecretValue } from "@/lib/secrets/secret-value";
import { type IamBackend, testSecret } from "@/test/integration/emulators/aws-iam-backends";

export const ACCOUNT = "123456789012";
export const GITHUB = "https://token.actions.githubusercontent.com";
export const GITHUB_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
export const GITLAB = "https://gitlab.example.com";
export const GITLAB_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.example.com`;
export const THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";

export function awsConnection(
  backend: Pick<IamBackend, "url" | "ca" | "accessKeyId">,
  scope: Partial<ConnectionOf<"aws">["scope"]> = {},
): ConnectionOf<"aws"> {
  return {
    id: "connection-1",
    name: "Test AWS",
    sandbox: false,
    cloud: "aws",
    scope: { accountId: ACCOUNT, region: "us-east-1", ...scope },
    auth: {
      kind: "secret",
      secret: {
        kind: "aws-access-key",
        accessKeyId: backend.accessKeyId,
        secretAccessKey: new SecretValue(testSecret),
      },
    },
    endpoints: { awsEndpoint: backend.url },
    caBundle: backend.ca,
  };
}

export async function createProvider(iam: IAMClient, url: string, clientIds: string[]) {
  await iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: url,
      ClientIDList: clientIds,
      ThumbprintList: [THUMBPRINT],
    }),
  );
}

export function trustDocument(statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export async function createRole(iam: IAMClient, name: string, statements: object[]) {
  await iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustDocument(statements) }),
  );
}

/** A GitHub statement as the catalogue's builder writes it. */
export function githubStatement(sid: string, sub: string, operator = "StringEquals") {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Federated: GITHUB_ARN },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition:
      operator === "StringEquals"
        ? {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": sub,
            },
          }
        : {
            StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
            [operator]: { "token.actions.githubusercontent.com:sub": sub },
          },
  };
}

export const ec2Statement = {
  Sid: "Ec2",
  Effect: "Allow",
  Principal: { Service: "ec2.amazonaws.com" },
  Action: "sts:AssumeRole",
};
