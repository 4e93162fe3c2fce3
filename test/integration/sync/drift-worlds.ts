// One cloud object per cloud, seeded in its emulator the way an operator's
// console would have written it, and the catalogue rows that describe it;
// then the changes drift must notice, each made to the emulator's state.
import { randomUUID } from "node:crypto";
import { UpdateAssumeRolePolicyCommand, type IAMClient } from "@aws-sdk/client-iam";
import { gcpAdapter } from "@/lib/clouds/gcp/adapter";
import { principalForSubject } from "@/lib/clouds/gcp/principals";
import { startIamEmulator, type IamEmulator } from "@/test/emulators/aws/iam-server";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";
import { createServiceAccountKey } from "@/test/emulators/gcp/service-account-key";
import {
  awsSpec,
  azureSpec,
  createTestBinding,
  createTestWorkload,
  gcpSpec,
  uniqueSuffix,
} from "@/test/factories/catalog";
import type { TestUser } from "@/test/factories/users";
import {
  ACCOUNT,
  createProvider,
  createRole,
  ec2Statement,
  GITHUB,
  githubStatement,
  THUMBPRINT,
  trustDocument,
} from "@/test/integration/clouds/aws/aws-adapter-fixture";
import { PROJECT, READER } from "@/test/integration/clouds/gcp/support";
import { iamClient, testSecret } from "@/test/integration/emulators/aws-iam-backends";
import { addConnection, addTarget } from "./sync-support";

export const TENANT = "00000000-0000-4000-8000-00000000a0a0";
export const SUB = "00000000-0000-4000-8000-000000000001";
export const RG = "rg-fedlens";
const AZURE_AUDIENCE = "api://AzureADTokenExchange";
export const WIU = "roles/iam.workloadIdentityUser";
/** The name of the one FIC or grant each Azure and GCP world catalogues (AWS names it by Sid). */
const BINDING = "deploy-prod";
const AWS_SID = "DeployProd";

export type Catalogued = { targetId: string };

export type DriftWorld = {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A fresh cloud object and its catalogue rows: one target linked to a new connection, one binding. */
  setUp(admin: TestUser): Promise<Catalogued>;
  /** Changes one field of the binding's object in the cloud; returns the paths drift must name. */
  change(): Promise<string[]>;
  remove(): Promise<void>;
  /** Answers 403 on the binding's object from now on. */
  forbid(): void;
  /** Adds an object no binding describes; returns the key drift lists it under. */
  addUnmanaged(): Promise<string>;
  /** The next read of the object is throttled, with a Retry-After of one second. */
  throttleOnce(): void;
  /** How many requests read the object so far. */
  reads(): number;
};

/** A GitHub workload for `repo:acme/<repo>:environment:prod`. */
function githubWorkload(repo: string) {
  return createTestWorkload({
    subjectSpec: { kind: "github", owner: "acme", repo, trigger: "environment", name: "prod" },
  });
}
const githubSubject = (repo: string) => `repo:acme/${repo}:environment:prod`;

export type AzureBase = { emulator: AzureEmulator; clientId: string; secret: string };

export async function startAzure(): Promise<AzureBase> {
  const emulator = await startAzureEmulator();
  const clientId = randomUUID();
  const secret = `s-${randomUUID()}`;
  emulator.entra.addClient({ tenantId: TENANT, clientId, secret });
  return { emulator, clientId, secret };
}

export function azureConnection(base: AzureBase, applicationObjectIds: string[] = []) {
  const { endpoint } = base.emulator;
  return {
    cloud: "azure",
    scope: { tenantId: TENANT, subscriptionIds: [SUB], resourceGroups: [RG], applicationObjectIds },
    auth: { kind: "secret", clientId: base.clientId, clientSecret: base.secret },
    endpoints: {
      azureResourceManager: endpoint,
      azureAuthorityHost: endpoint,
      azureGraph: endpoint,
    },
    caBundle: base.emulator.ca,
  };
}

export const ficProperties = (subject: string) => ({
  issuer: GITHUB,
  subject,
  audiences: [AZURE_AUDIENCE],
});

/** Reads of the credentials list of the identity or application whose path includes `owner`. */
const ficListReads = (base: AzureBase, owner: string) =>
  base.emulator.requests.filter(
    (r) => r.path.includes(owner) && r.path.endsWith("/federatedIdentityCredentials"),
  ).length;

export function azureUamiWorld(): DriftWorld {
  let base: AzureBase;
  let identity = "";
  let identityId = "";
  const fic = () => base.emulator.store.fics(identityId).find((f) => f.name === BINDING)!;
  return {
    name: "Azure user-assigned identity",
    async start() {
      base = await startAzure();
    },
    stop: () => base.emulator.close(),
    async setUp(admin) {
      base.emulator.faults.clear();
      const repo = `app-${uniqueSuffix()}`;
      identity = `id-${repo}`;
      identityId = base.emulator.store.addIdentity(SUB, RG, identity, { tenantId: TENANT });
      base.emulator.store.seedFic(identityId, {
        name: BINDING,
        properties: ficProperties(githubSubject(repo)),
      });
      const stored = base.emulator.store.identity(identityId)!;
      const connection = await addConnection(admin, azureConnection(base));
      const target = await addTarget(
        admin,
        "azure-uami",
        {
          tenantId: TENANT,
          subscriptionId: SUB,
          resourceGroup: RG,
          identityName: identity,
          clientId: stored.clientId,
          principalId: stored.principalId,
        },
        connection.id,
      );
      const workload = await githubWorkload(repo);
      await createTestBinding({ workload, target, spec: azureSpec(workload, { name: BINDING }) });
      return { targetId: target.id };
    },
    async change() {
      fic().properties.subject = "repo:someone/else:environment:prod";
      return ["properties.subject"];
    },
    async remove() {
      base.emulator.store.removeFic(identityId, BINDING);
    },
    forbid() {
      base.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: `/${identity}/` });
    },
    async addUnmanaged() {
      base.emulator.store.seedFic(identityId, {
        name: "hand-made",
        properties: ficProperties("repo:acme/stray:ref:refs/heads/main"),
      });
      return "hand-made";
    },
    throttleOnce() {
      base.emulator.faults.add(
        { kind: "status", status: 429, retryAfterSeconds: 1 },
        { pathIncludes: `/${identity}/federatedIdentityCredentials` },
        1,
      );
    },
    reads: () => ficListReads(base, `/${identity}/`),
  };
}

export function azureAppWorld(): DriftWorld {
  let base: AzureBase;
  let objectId = "";
  const app = () => base.emulator.graph.application(objectId)!;
  const fic = () => base.emulator.graph.find(app(), BINDING)!;
  return {
    name: "Azure app registration",
    async start() {
      base = await startAzure();
    },
    stop: () => base.emulator.close(),
    async setUp(admin) {
      base.emulator.faults.clear();
      const repo = `app-${uniqueSuffix()}`;
      objectId = base.emulator.graph.addApplication(randomUUID(), { displayName: repo });
      base.emulator.graph.seedFic(objectId, {
        name: BINDING,
        properties: ficProperties(githubSubject(repo)),
      });
      const connection = await addConnection(admin, azureConnection(base, [objectId]));
      const target = await addTarget(
        admin,
        "azure-app",
        {
          tenantId: TENANT,
          applicationObjectId: objectId,
          clientId: app().appId,
          displayName: repo,
        },
        connection.id,
      );
      const workload = await githubWorkload(repo);
      await createTestBinding({ workload, target, spec: azureSpec(workload, { name: BINDING }) });
      return { targetId: target.id };
    },
    async change() {
      fic().properties.audiences = ["api://other-audience"];
      return ["audiences[0]"];
    },
    async remove() {
      app().fics.delete(fic().id);
    },
    forbid() {
      base.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: objectId });
    },
    async addUnmanaged() {
      base.emulator.graph.seedFic(objectId, {
        name: "hand-made",
        properties: ficProperties("repo:acme/stray:ref:refs/heads/main"),
      });
      return "hand-made";
    },
    throttleOnce() {
      base.emulator.faults.add(
        { kind: "status", status: 429, retryAfterSeconds: 1 },
        { pathIncludes: `${objectId}/federatedIdentityCredentials` },
        1,
      );
    },
    reads: () => ficListReads(base, objectId),
  };
}

export function awsConnection(emulator: IamEmulator) {
  return {
    cloud: "aws",
    scope: { accountId: ACCOUNT, region: "us-east-1" },
    auth: { kind: "secret", accessKeyId: emulator.accessKeyId, secretAccessKey: testSecret },
    endpoints: { awsEndpoint: emulator.url },
    caBundle: emulator.ca,
  };
}

export function awsRoleWorld(): DriftWorld {
  let emulator: IamEmulator;
  let iam: IAMClient;
  let roleName = "";
  let subject = "";
  const setPolicy = (statements: object[]) =>
    iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: roleName,
        PolicyDocument: trustDocument(statements),
      }),
    );
  return {
    name: "AWS role",
    async start() {
      emulator = await startIamEmulator();
      iam = iamClient(emulator);
    },
    async stop() {
      iam.destroy();
      await emulator.close();
    },
    async setUp(admin) {
      emulator.reset();
      const repo = `app-${uniqueSuffix()}`;
      roleName = `deploy-${repo}`;
      subject = githubSubject(repo);
      await createProvider(iam, GITHUB, ["sts.amazonaws.com"]);
      await createRole(iam, roleName, [githubStatement(AWS_SID, subject)]);
      const connection = await addConnection(admin, awsConnection(emulator));
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
      const workload = await githubWorkload(repo);
      await createTestBinding({ workload, target, spec: awsSpec(workload, { sid: AWS_SID }) });
      return { targetId: target.id };
    },
    async change() {
      await setPolicy([githubStatement(AWS_SID, subject, "StringLike")]);
      // Each change once, under the binding's statement.
      const sub = '["token.actions.githubusercontent.com:sub"]';
      return [`statement.Condition.StringEquals${sub}`, "statement.Condition.StringLike"];
    },
    async remove() {
      await setPolicy([ec2Statement]);
    },
    forbid() {
      emulator.faults.deniedRoles.add(roleName);
    },
    async addUnmanaged() {
      await setPolicy([
        githubStatement(AWS_SID, subject),
        githubStatement("HandMade", "repo:acme/stray:ref:refs/heads/main"),
      ]);
      return "HandMade";
    },
    throttleOnce() {
      emulator.faults.inject("throttle", { action: "GetRole", retryAfterSeconds: 1 });
    },
    reads: () => emulator.requests.filter((r) => r.action === "GetRole").length,
  };
}

export function gcpConnection(emulator: GcpEmulator, keyJson: string) {
  return {
    cloud: "gcp",
    scope: { projectId: PROJECT.projectId, projectNumber: PROJECT.projectNumber },
    auth: { kind: "secret", serviceAccountKey: keyJson },
    endpoints: { gcpRootUrl: emulator.rootUrl, gcpTokenUrl: emulator.tokenUrl },
    caBundle: emulator.ca,
  };
}

export type GcpWorld = DriftWorld & {
  /** Replaces the grant's member by another principal of the pool; returns the new grant's key. */
  replaceMember(): Promise<string>;
};

export function gcpProviderWorld(): GcpWorld {
  let emulator: GcpEmulator;
  let keyJson = "";
  let poolId = "";
  let deployer = "";
  let members: string[] = [];
  const N = PROJECT.projectNumber;
  const providerPath = () =>
    `projects/${N}/locations/global/workloadIdentityPools/${poolId}/providers/gh-actions`;
  const grantKey = (member: string) =>
    gcpAdapter.bindingKey({
      ...gcpSpec({ serviceAccountEmail: deployer, memberKind: "subject" }),
      member,
    });
  return {
    name: "GCP provider",
    async start() {
      emulator = await startGcpEmulator({ projects: [PROJECT] });
      keyJson = createServiceAccountKey(emulator, READER);
    },
    stop: () => emulator.close(),
    async setUp(admin) {
      emulator.faults.clear();
      const suffix = uniqueSuffix();
      const repo = `app-${suffix}`;
      poolId = `pool-${suffix}`;
      emulator.state.seedPool(N, poolId);
      emulator.state.seedProvider(N, poolId, "gh-actions", {
        attributeMapping: { "google.subject": "assertion.sub" },
        attributeCondition: "assertion.repository_owner == 'acme'",
        oidc: { issuerUri: GITHUB, allowedAudiences: [] },
      });
      deployer = emulator.state.seedServiceAccount(PROJECT.projectId, `deploy-${suffix}`);
      members = [principalForSubject({ projectNumber: N, poolId }, githubSubject(repo))];
      emulator.state.setPolicy(deployer, [{ role: WIU, members }]);
      const connection = await addConnection(admin, gcpConnection(emulator, keyJson));
      const target = await addTarget(
        admin,
        "gcp-provider",
        {
          projectNumber: N,
          poolId,
          providerId: "gh-actions",
          issuerUri: GITHUB,
          allowedAudiences: [],
          attributeMapping: { "google.subject": "assertion.sub" },
          attributeCondition: "assertion.repository_owner == 'acme'",
          disabled: false,
          serviceAccountEmail: deployer,
        },
        connection.id,
      );
      const workload = await githubWorkload(repo);
      await createTestBinding({
        workload,
        target,
        spec: gcpSpec({ name: BINDING, serviceAccountEmail: deployer, memberKind: "subject" }),
      });
      return { targetId: target.id };
    },
    async change() {
      emulator.state.providers.get(providerPath())!.attributeCondition =
        "assertion.repository_owner == 'someone-else'";
      return ["attributeCondition"];
    },
    async remove() {
      emulator.state.setPolicy(deployer, []);
    },
    forbid() {
      emulator.faults.add({ kind: "forbidden" }, { pathIncludes: deployer });
    },
    async addUnmanaged() {
      const stray = principalForSubject({ projectNumber: N, poolId }, "repo:acme/stray:ref:x");
      emulator.state.setPolicy(deployer, [{ role: WIU, members: [...members, stray] }]);
      return grantKey(stray);
    },
    async replaceMember() {
      const other = principalForSubject({ projectNumber: N, poolId }, "repo:acme/other:ref:x");
      emulator.state.setPolicy(deployer, [{ role: WIU, members: [other] }]);
      return grantKey(other);
    },
    throttleOnce() {
      emulator.faults.add(
        { kind: "status", status: 429, retryAfterSeconds: 1 },
        { pathIncludes: `/providers/gh-actions` },
        1,
      );
    },
    reads: () => emulator.requests.filter((r) => r.path.endsWith(`/${providerPath()}`)).length,
  };
}
