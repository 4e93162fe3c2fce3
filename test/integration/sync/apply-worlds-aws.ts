// The AWS world of the apply tests, on the IAM emulator or on moto: a role
// whose trust policy holds only a partner's statement.
import { GetOpenIDConnectProviderCommand, type IAMClient } from "@aws-sdk/client-iam";
import { oidcProviderArn } from "@/lib/clouds/aws/ids";
import { awsSpec, createTestBinding, uniqueSuffix } from "@/test/factories/catalog";
import {
  ACCOUNT,
  createRole,
  GITHUB,
  THUMBPRINT,
} from "@/test/integration/clouds/aws/aws-adapter-fixture";
import {
  backends,
  iamClient,
  type IamBackend,
} from "@/test/integration/emulators/aws-iam-backends";
import { trustPolicyOf, writeActions } from "@/test/integration/emulators/aws-writer-changes";
import { addConnection, addTarget } from "./sync-support";
import { editBinding, githubWorkload, type ApplyWorld } from "./apply-worlds";

// A statement trusting another account (an external partner), with no Sid:
// the kind of statement an operator wrote by hand that Fedlens must keep.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
export const partnerStatement = {
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::210987654321:root" },
  Action: "sts:AssumeRole",
  Condition: { StringEquals: { "sts:ExternalId": "partner-42" } },
};

export type AwsApplyWorld = ApplyWorld & {
  backend(): IamBackend;
  iam(): IAMClient;
  /** The GitHub OIDC provider's client ids, or null while it does not exist. */
  providerClientIds(): Promise<string[] | null>;
};

/** A role whose trust policy holds only the partner's statement; no GitHub OIDC provider yet. */
export function awsApplyWorld(backendName: "emulator" | "moto"): AwsApplyWorld {
  const backendCase = backends.find((b) => b.name === backendName)!;
  let backend: IamBackend;
  let iam: IAMClient;
  let roleName = "";
  let targetId = "";
  return {
    name: `AWS role (${backendName})`,
    skip: backendCase.skip,
    backend: () => backend,
    iam: () => iam,
    async start() {
      backend = await backendCase.start();
      iam = iamClient(backend);
    },
    async stop() {
      iam.destroy();
      await backend.stop();
    },
    async setUp(admin) {
      await backend.reset();
      roleName = `deploy-${uniqueSuffix()}`;
      await createRole(iam, roleName, [partnerStatement]);
      const connection = await addConnection(admin, {
        cloud: "aws",
        scope: { accountId: ACCOUNT, region: "us-east-1" },
        auth: {
          kind: "secret",
          accessKeyId: backend.accessKeyId,
          secretAccessKey: "fedlens-test-secret-not-real",
        },
        endpoints: { awsEndpoint: backend.url },
        caBundle: backend.ca,
      });
      const target = await addTarget(
        admin,
        "aws-role",
        {
          accountId: ACCOUNT,
          roleName,
          path: "/",
          oidcProviders: [
            { url: GITHUB, clientIds: ["sts.amazonaws.com"], thumbprints: [THUMBPRINT] },
          ],
        },
        connection.id,
      );
      targetId = target.id;
      return targetId;
    },
    async addBinding() {
      const workload = await githubWorkload();
      const spec = awsSpec(workload, { sid: `Fedlens${uniqueSuffix()}` });
      return createTestBinding({ workload, target: { id: targetId }, spec });
    },
    async objectOf(binding) {
      const { Statement } = await trustPolicyOf(iam, roleName);
      return Statement.find((statement) => statement.Sid === binding.spec.sid) ?? null;
    },
    async edit(admin, binding) {
      const subject = `repo:acme/edited-${uniqueSuffix()}:ref:refs/heads/main`;
      const builder = { ...(binding.spec.builder as object), subjects: [subject] };
      await editBinding(admin, binding, { ...binding.spec, builder });
      return {
        Condition: {
          StringEquals: { "token.actions.githubusercontent.com:sub": subject },
        },
      };
    },
    async foreign() {
      const { Statement } = await trustPolicyOf(iam, roleName);
      return Statement.filter((statement) => statement.Sid === undefined);
    },
    async copies(binding) {
      const { Statement } = await trustPolicyOf(iam, roleName);
      return Statement.filter((statement) => JSON.stringify(statement).includes(binding.subject))
        .length;
    },
    writes: () =>
      backend.emulator
        ? backend.emulator.requests.filter((r) => writeActions.includes(r.action)).length
        : null,
    async providerClientIds() {
      const arn = oidcProviderArn(ACCOUNT, GITHUB);
      try {
        const got = await iam.send(
          new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
        );
        return got.ClientIDList ?? [];
      } catch (error) {
        if ((error as { name?: string }).name === "NoSuchEntityException") return null;
        throw error;
      }
    },
  };
}
