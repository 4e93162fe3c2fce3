// Each cloud's emulator seeded with what an operator already has before
// Fedlens, including each cloud's awkward objects: an Azure flexible
// credential, an AWS trust policy with several statements and one that is
// not federation, a GCP grant to a principalSet.
import type { IAMClient } from "@aws-sdk/client-iam";
import { principalForSubject, principalSetForAttribute } from "@/lib/clouds/gcp/principals";
import type { Cloud } from "@/lib/clouds/types";
import { getImport } from "@/lib/sync/import/get-import";
import { runImportJob } from "@/lib/sync/import/run-import-job";
import { startImport } from "@/lib/sync/import/start-import";
import { startIamEmulator, type IamEmulator } from "@/test/emulators/aws/iam-server";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";
import { createServiceAccountKey } from "@/test/emulators/gcp/service-account-key";
import type { TestUser } from "@/test/factories/users";
import {
  createProvider,
  createRole,
  ec2Statement,
  GITHUB,
  githubStatement,
} from "@/test/integration/clouds/aws/aws-adapter-fixture";
import { PROJECT, READER } from "@/test/integration/clouds/gcp/support";
import { iamClient } from "@/test/integration/emulators/aws-iam-backends";
import {
  awsConnection,
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
import { addConnection, caller } from "./sync-support";

/** The workload every pattern below admits, and the subject of one exact trust per cloud. */
export const APP_SUBJECT = "repo:acme/app:environment:prod";
export const WEB_SUBJECT = "repo:acme/web:ref:refs/heads/main";
export const APP_PATTERN = "repo:acme/app:*";
export const FLEXIBLE = {
  value: "claims['sub'] matches 'repo:acme/app:*'",
  languageVersion: 1,
};

export type ImportEstate = {
  cloud: Cloud;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Seeds the cloud (once per file) and adds a connection to it. */
  connect(admin: TestUser): Promise<string>;
};

export function azureEstate(): ImportEstate & { base: () => AzureBase; appObjectId: string } {
  let base: AzureBase;
  const appObjectId = crypto.randomUUID();
  return {
    cloud: "azure",
    base: () => base,
    appObjectId,
    async start() {
      base = await startAzure();
      const { store, graph } = base.emulator;
      const identity = store.addIdentity(SUB, RG, "id-app", { tenantId: TENANT });
      store.seedFic(identity, { name: "gh-prod", properties: ficProperties(APP_SUBJECT) });
      store.seedFic(identity, {
        name: "any-app-run",
        properties: {
          issuer: GITHUB,
          audiences: ["api://AzureADTokenExchange"],
          claimsMatchingExpression: FLEXIBLE,
        },
      });
      graph.addApplication(appObjectId, { displayName: "web-app" });
      graph.seedFic(appObjectId, { name: "web-main", properties: ficProperties(WEB_SUBJECT) });
    },
    stop: () => base.emulator.close(),
    connect: async (admin) => (await addConnection(admin, azureConnection(base, [appObjectId]))).id,
  };
}

export function awsEstate(): ImportEstate & { emulator: () => IamEmulator } {
  let emulator: IamEmulator;
  let iam: IAMClient;
  return {
    cloud: "aws",
    emulator: () => emulator,
    async start() {
      emulator = await startIamEmulator();
      iam = iamClient(emulator);
      await createProvider(iam, GITHUB, ["sts.amazonaws.com"]);
      await createRole(iam, "deploy-app", [
        githubStatement("GithubProd", APP_SUBJECT),
        githubStatement("GithubAnyRun", APP_PATTERN, "StringLike"),
        ec2Statement,
      ]);
      await createRole(iam, "deploy-web", [githubStatement("GithubWebMain", WEB_SUBJECT)]);
    },
    async stop() {
      iam.destroy();
      await emulator.close();
    },
    connect: async (admin) => (await addConnection(admin, awsConnection(emulator))).id,
  };
}

export const GCP_POOL = { projectNumber: PROJECT.projectNumber, poolId: "github-pool" };

export function gcpEstate(): ImportEstate & { emulator: () => GcpEmulator } {
  let emulator: GcpEmulator;
  let keyJson = "";
  return {
    cloud: "gcp",
    emulator: () => emulator,
    async start() {
      emulator = await startGcpEmulator({ projects: [PROJECT] });
      keyJson = createServiceAccountKey(emulator, READER);
      const { state } = emulator;
      state.seedServiceAccount(PROJECT.projectId, "fedlens-reader");
      state.seedPool(GCP_POOL.projectNumber, GCP_POOL.poolId);
      state.seedProvider(GCP_POOL.projectNumber, GCP_POOL.poolId, "gh-actions", {
        attributeMapping: {
          "google.subject": "assertion.sub",
          "attribute.repository": "assertion.repository",
        },
        attributeCondition: "assertion.repository_owner == 'acme'",
        oidc: { issuerUri: GITHUB, allowedAudiences: [] },
      });
      const deployer = state.seedServiceAccount(PROJECT.projectId, "deployer");
      state.setPolicy(deployer, [
        {
          role: WIU,
          members: [
            principalSetForAttribute(GCP_POOL, "repository", "acme/app"),
            principalForSubject(GCP_POOL, WEB_SUBJECT),
          ],
        },
      ]);
    },
    stop: () => emulator.close(),
    connect: async (admin) => (await addConnection(admin, gcpConnection(emulator, keyJson))).id,
  };
}

/** Starts an import of the connection, runs its read job here, and returns the review. */
export async function readImport(admin: TestUser, connectionId: string) {
  const run = await startImport({ ...caller(admin), connectionId });
  await runImportJob({ runId: run.id });
  return getImport({ actor: admin.actor, runId: run.id, query: { limit: 100 } });
}
