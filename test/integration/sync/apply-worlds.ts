// One parent per cloud for the apply tests (an Azure identity, an AWS role,
// a GCP service account behind a provider), seeded in its backend holding
// only objects Fedlens does not own, and catalogued with no binding yet.
// Tests add bindings, plan and apply, then read the backend's own state:
// the object, the foreign objects beside it, and how many writes it took.
import { GetOpenIDConnectProviderCommand, type IAMClient } from "@aws-sdk/client-iam";
import { getTarget } from "@/lib/catalog/targets/get-target";
import { updateBinding } from "@/lib/catalog/bindings/update-binding";
import { updateTarget } from "@/lib/catalog/targets/update-target";
import { oidcProviderArn } from "@/lib/clouds/aws/ids";
import { principalForSubject } from "@/lib/clouds/gcp/principals";
import type { TBinding } from "@/lib/schemas/binding";
import { credentialWrites } from "@/test/emulators/azure/writer-changes";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";
import type { PolicyBinding } from "@/test/emulators/gcp/state";
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
  createRole,
  GITHUB,
  THUMBPRINT,
} from "@/test/integration/clouds/aws/aws-adapter-fixture";
import { PROJECT, READER } from "@/test/integration/clouds/gcp/support";
import {
  backends,
  iamClient,
  type IamBackend,
} from "@/test/integration/emulators/aws-iam-backends";
import { trustPolicyOf, writeActions } from "@/test/integration/emulators/aws-writer-changes";
import {
  azureConnection,
  ficProperties,
  gcpConnection,
  RG,
  startAzure,
  SUB,
  TENANT,
  WIU,
  type AzureBase,
} from "./drift-worlds";
import { addConnection, addTarget, caller } from "./sync-support";

export type ApplyWorld = {
  name: string;
  /** Why the world cannot run here (moto missing), or false. */
  skip: string | false;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A fresh parent in the cloud and its catalogued target, no binding yet; returns the target id. */
  setUp(admin: TestUser): Promise<string>;
  /** A catalogue binding on the target for a new GitHub workload. */
  addBinding(): Promise<TBinding>;
  /** The binding's object as the backend holds it now, null when absent. */
  objectOf(binding: TBinding): Promise<Record<string, unknown> | null>;
  /** Edits the catalogue so the object must change; returns what the object must then match. */
  edit(admin: TestUser, binding: TBinding): Promise<Record<string, unknown>>;
  /** How many objects in the cloud grant what the binding grants (a duplicate would make 2). */
  copies(binding: TBinding): Promise<number>;
  /** The objects beside Fedlens's that it must never touch, exactly as the backend holds them. */
  foreign(): Promise<unknown>;
  /** Writes the backend has answered so far; null where the backend keeps no log (moto). */
  writes(): number | null;
};

/** A GitHub workload for `repo:acme/<repo>:environment:prod`. */
export function githubWorkload(repo = `app-${uniqueSuffix()}`) {
  return createTestWorkload({
    subjectSpec: { kind: "github", owner: "acme", repo, trigger: "environment", name: "prod" },
  });
}

const editBinding = (admin: TestUser, binding: TBinding, spec: Record<string, unknown>) =>
  updateBinding({
    ...caller(admin),
    id: binding.id,
    expectedVersion: binding.version,
    input: { spec: spec as TBinding["spec"] & { cloud: "azure" } },
  });

export type AzureApplyWorld = ApplyWorld & { base(): AzureBase; identity(): string };

/** A user-assigned identity holding one hand-made credential. */
export function azureApplyWorld(): AzureApplyWorld {
  let base: AzureBase;
  let identityId = "";
  let targetId = "";
  const fic = (name: string) =>
    base.emulator.store.fics(identityId).find((f) => f.name.toLowerCase() === name.toLowerCase());
  return {
    name: "Azure user-assigned identity",
    skip: false,
    base: () => base,
    identity: () => identityId,
    async start() {
      base = await startAzure();
    },
    stop: () => base.emulator.close(),
    async setUp(admin) {
      base.emulator.faults.clear();
      const name = `id-apply-${uniqueSuffix()}`;
      identityId = base.emulator.store.addIdentity(SUB, RG, name, { tenantId: TENANT });
      base.emulator.store.seedFic(identityId, {
        name: "hand-made",
        properties: ficProperties("repo:acme/stray:ref:refs/heads/main"),
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
          identityName: name,
          clientId: stored.clientId,
          principalId: stored.principalId,
        },
        connection.id,
      );
      targetId = target.id;
      return targetId;
    },
    async addBinding() {
      const repo = `app-${uniqueSuffix()}`;
      const workload = await githubWorkload(repo);
      const spec = azureSpec(workload, { name: `fl-${repo}` });
      return createTestBinding({ workload, target: { id: targetId }, spec });
    },
    async objectOf(binding) {
      const found = fic(binding.spec.name as string);
      return found ? { name: found.name, ...found.properties } : null;
    },
    async edit(admin, binding) {
      const audiences = ["api://fedlens-apply-test"];
      await editBinding(admin, binding, { ...binding.spec, audiences });
      return { audiences };
    },
    async foreign() {
      return structuredClone(fic("hand-made"));
    },
    async copies(binding) {
      const { issuer, subject } = binding.spec;
      return base.emulator.store
        .fics(identityId)
        .filter((f) => f.properties.issuer === issuer && f.properties.subject === subject).length;
    },
    writes: () => Object.values(credentialWrites(base.emulator)).reduce((a, b) => a + b, 0),
  };
}

/** An app registration holding one hand-made credential, written through Microsoft Graph. */
export function azureAppApplyWorld(): ApplyWorld {
  let base: AzureBase;
  let objectId = "";
  let targetId = "";
  const fics = () => [...(base.emulator.graph.application(objectId)?.fics.values() ?? [])];
  const fic = (name: string) => fics().find((f) => f.name.toLowerCase() === name.toLowerCase());
  return {
    name: "Azure app registration",
    skip: false,
    async start() {
      base = await startAzure();
    },
    stop: () => base.emulator.close(),
    async setUp(admin) {
      base.emulator.faults.clear();
      const displayName = `app-apply-${uniqueSuffix()}`;
      objectId = base.emulator.graph.addApplication(crypto.randomUUID(), { displayName });
      base.emulator.graph.seedFic(objectId, {
        name: "hand-made",
        properties: ficProperties("repo:acme/stray:ref:refs/heads/main"),
      });
      const app = base.emulator.graph.application(objectId)!;
      const connection = await addConnection(admin, azureConnection(base, [objectId]));
      const target = await addTarget(
        admin,
        "azure-app",
        { tenantId: TENANT, applicationObjectId: objectId, clientId: app.appId, displayName },
        connection.id,
      );
      targetId = target.id;
      return targetId;
    },
    async addBinding() {
      const repo = `app-${uniqueSuffix()}`;
      const workload = await githubWorkload(repo);
      const spec = azureSpec(workload, { name: `fl-${repo}` });
      return createTestBinding({ workload, target: { id: targetId }, spec });
    },
    async objectOf(binding) {
      const found = fic(binding.spec.name as string);
      return found ? { name: found.name, ...found.properties } : null;
    },
    async edit(admin, binding) {
      const audiences = ["api://fedlens-apply-test"];
      await editBinding(admin, binding, { ...binding.spec, audiences });
      return { audiences };
    },
    async copies(binding) {
      const { issuer, subject } = binding.spec;
      return fics().filter(
        (f) => f.properties.issuer === issuer && f.properties.subject === subject,
      ).length;
    },
    async foreign() {
      return structuredClone(fic("hand-made"));
    },
    writes: () => Object.values(credentialWrites(base.emulator)).reduce((a, b) => a + b, 0),
  };
}

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

export type GcpApplyWorld = ApplyWorld & { emulator(): GcpEmulator; serviceAccount(): string };

/**
 * A provider and a service account whose policy holds a user's and a
 * group's grants and a conditional grant to the pool: none is Fedlens's.
 */
export function gcpApplyWorld(): GcpApplyWorld {
  let emulator: GcpEmulator;
  let keyJson = "";
  let poolId = "";
  let deployer = "";
  let targetId = "";
  let seeded: PolicyBinding[] = [];
  const N = PROJECT.projectNumber;
  const providerName = () =>
    `projects/${N}/locations/global/workloadIdentityPools/${poolId}/providers/gh-actions`;
  const policy = () => emulator.state.policies.get(deployer)?.bindings ?? [];
  const seededMembers = () => new Set(seeded.flatMap((b) => b.members));
  return {
    name: "GCP provider",
    skip: false,
    emulator: () => emulator,
    serviceAccount: () => deployer,
    async start() {
      emulator = await startGcpEmulator({ projects: [PROJECT] });
      keyJson = createServiceAccountKey(emulator, READER);
    },
    stop: () => emulator.close(),
    async setUp(admin) {
      emulator.faults.clear();
      const suffix = uniqueSuffix();
      poolId = `pool-${suffix}`;
      emulator.state.seedPool(N, poolId);
      const config = {
        attributeMapping: { "google.subject": "assertion.sub" },
        attributeCondition: "assertion.repository_owner == 'acme'",
      };
      emulator.state.seedProvider(N, poolId, "gh-actions", {
        ...config,
        oidc: { issuerUri: GITHUB, allowedAudiences: [] },
      });
      deployer = emulator.state.seedServiceAccount(PROJECT.projectId, `deploy-${suffix}`);
      const pool = { projectNumber: N, poolId };
      seeded = [
        { role: WIU, members: ["user:alice@example.com"] },
        { role: "roles/iam.serviceAccountTokenCreator", members: ["group:ops@example.com"] },
        {
          role: WIU,
          members: [principalForSubject(pool, "repo:acme/night:ref:refs/heads/main")],
          condition: {
            expression: "request.time < timestamp('2030-01-01T00:00:00Z')",
            title: "until 2030",
          },
        },
      ];
      emulator.state.setPolicy(deployer, structuredClone(seeded), 3);
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
          ...config,
          disabled: false,
          serviceAccountEmail: deployer,
        },
        connection.id,
      );
      targetId = target.id;
      return targetId;
    },
    async addBinding() {
      const workload = await githubWorkload();
      const spec = gcpSpec({
        name: `grant-${uniqueSuffix()}`,
        serviceAccountEmail: deployer,
        memberKind: "subject",
      });
      return createTestBinding({ workload, target: { id: targetId }, spec });
    },
    async objectOf(binding) {
      const member = binding.spec.member as string;
      const granted = policy().some(
        (b) => b.role === WIU && !b.condition && b.members.includes(member),
      );
      if (!granted) return null;
      const provider = emulator.state.providers.get(providerName());
      return { role: WIU, member, attributeCondition: provider?.attributeCondition };
    },
    // A grant is all key (account, role, member); what an owned grant's
    // update changes is its provider's trust settings.
    async edit(admin) {
      const target = await getTarget({ id: targetId });
      const attributeCondition = "assertion.repository_owner == 'acme-edited'";
      await updateTarget({
        ...caller(admin),
        id: targetId,
        expectedVersion: target.version,
        input: { config: { ...target.config, attributeCondition } },
      });
      return { attributeCondition };
    },
    async copies(binding) {
      const member = binding.spec.member as string;
      return policy()
        .flatMap((b) => b.members)
        .filter((m) => m === member).length;
    },
    async foreign() {
      // Fedlens's members dropped, the rest exactly as IAM holds it.
      const others = seededMembers();
      return policy()
        .map((b) => ({ ...b, members: b.members.filter((m) => others.has(m)) }))
        .filter((b) => b.members.length > 0);
    },
    writes: () =>
      emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith(":setIamPolicy"))
        .length +
      emulator.requests.filter((r) => r.method === "PATCH" && r.path.includes("/providers/"))
        .length,
  };
}
