// The three clouds of the apply bench: the Azure, AWS and GCP emulators
// (run in a worker thread, sync-apply-remote-clouds.ts), each on https with
// its own per-run CA, each answering every API request `latencyMs` late (the
// emulators' own latency faults, as the import bench uses). The parents the catalogue writes into exist already
// (identities, roles, service accounts, the OIDC provider and the GCP pool
// and provider); the bindings themselves do not, so the plan creates them.
import { randomBytes, randomUUID } from "node:crypto";
import { createProvider } from "@/test/emulators/aws/iam-providers";
import { createRole } from "@/test/emulators/aws/iam-roles";
import { startIamEmulator, type IamEmulator } from "@/test/emulators/aws/iam-server";
import { ACCOUNT_ID } from "@/test/emulators/aws/iam-state";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";
import { createServiceAccountKey } from "@/test/emulators/gcp/service-account-key";

/**
 * 1,000 bindings. AWS: a GitHub statement is about 330 characters, so a role
 * holds at most 5 of them (plus the role's own EC2 statement) in the default
 * 2,048-character trust policy; the bench keeps the default quota and
 * the default writer, and gives the rest to Azure (20 at most per identity)
 * and GCP (no per-account bound).
 */
export const shape = {
  latencyMs: 25,
  azure: { identities: 50, perIdentity: 10 },
  aws: { roles: 50, perRole: 5 },
  gcp: { serviceAccounts: 10, perAccount: 25 },
} as const;

export const GITHUB = "https://token.actions.githubusercontent.com";
// Fixed, not random: the emulators' worker thread and the bench load this
// module apart, and both must name the same tenant and subscription.
export const TENANT = "5d1e0c7a-3b4f-4e8a-9c21-6f0b2d8e4a17";
export const SUBSCRIPTION = "a94c6e02-17d5-4b3e-8f60-2c9d5b7e1f38";
export const RESOURCE_GROUP = "rg-bench";
export const AWS_ACCOUNT = ACCOUNT_ID;
export const AWS_CLIENT_ID = "sts.amazonaws.com";
export const THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";
export const GCP_PROJECT = {
  projectId: "fedlens-bench",
  projectNumber: "271828182845",
  displayName: "Fedlens bench",
};
export const GCP_POOL = "github-bench";
export const GCP_PROVIDER = "gh-actions";
export const GCP_MAPPING = { "google.subject": "assertion.sub" };
export const GCP_CONDITION = "assertion.repository_owner == 'acme'";

export type AzureParent = { id: string; name: string; clientId: string; principalId: string };

export type Clouds = {
  azure: AzureEmulator;
  aws: IamEmulator;
  gcp: GcpEmulator;
  azureParents: AzureParent[];
  roleNames: string[];
  serviceAccounts: string[];
  /** Connection bodies as an admin would post them (secrets made up for this run). */
  connections: { azure: object; aws: object; gcp: object };
  /** Forgets the requests seen so far (the next phase counts from zero). */
  clearLogs(): void;
  stop(): Promise<void>;
};

function seedAzure(azure: AzureEmulator): AzureParent[] {
  const parents: AzureParent[] = [];
  for (let i = 0; i < shape.azure.identities; i += 1) {
    const name = `id-bench-${i}`;
    const id = azure.store.addIdentity(SUBSCRIPTION, RESOURCE_GROUP, name, { tenantId: TENANT });
    const stored = azure.store.identity(id)!;
    parents.push({ id, name, clientId: stored.clientId, principalId: stored.principalId });
  }
  return parents;
}

// A role's policy before the apply: one statement Fedlens does not own, which
// every rewrite must keep.
const ec2Trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Ec2",
      Effect: "Allow",
      Principal: { Service: "ec2.amazonaws.com" },
      Action: "sts:AssumeRole",
    },
  ],
});

function seedAws(aws: IamEmulator): string[] {
  const provider = new URLSearchParams({
    Url: GITHUB,
    "ClientIDList.member.1": AWS_CLIENT_ID,
    "ThumbprintList.member.1": THUMBPRINT,
  });
  createProvider(aws.state, provider);
  const names: string[] = [];
  for (let r = 0; r < shape.aws.roles; r += 1) {
    const name = `deploy-bench-${r}`;
    createRole(
      aws.state,
      new URLSearchParams({ RoleName: name, AssumeRolePolicyDocument: ec2Trust }),
    );
    names.push(name);
  }
  return names;
}

function seedGcp(gcp: GcpEmulator): string[] {
  const n = GCP_PROJECT.projectNumber;
  gcp.state.seedPool(n, GCP_POOL);
  gcp.state.seedProvider(n, GCP_POOL, GCP_PROVIDER, {
    attributeMapping: GCP_MAPPING,
    attributeCondition: GCP_CONDITION,
    oidc: { issuerUri: GITHUB, allowedAudiences: [] },
  });
  const emails: string[] = [];
  for (let s = 0; s < shape.gcp.serviceAccounts; s += 1) {
    const email = gcp.state.seedServiceAccount(GCP_PROJECT.projectId, `deploy-bench-${s}`);
    gcp.state.setPolicy(email, []);
    emails.push(email);
  }
  return emails;
}

export async function startClouds(): Promise<Clouds> {
  const azure = await startAzureEmulator();
  const aws = await startIamEmulator();
  const gcp = await startGcpEmulator({ projects: [GCP_PROJECT] });
  const azureClient = azure.entra.addClient({
    tenantId: TENANT,
    clientId: randomUUID(),
    secret: randomBytes(24).toString("base64url"),
  });
  const reader = gcp.state.seedServiceAccount(GCP_PROJECT.projectId, "fedlens-bench");
  const keyJson = createServiceAccountKey(gcp, reader);
  const clouds: Clouds = {
    azure,
    aws,
    gcp,
    azureParents: seedAzure(azure),
    roleNames: seedAws(aws),
    serviceAccounts: seedGcp(gcp),
    connections: {
      azure: {
        cloud: "azure",
        scope: {
          tenantId: TENANT,
          subscriptionIds: [SUBSCRIPTION],
          resourceGroups: [RESOURCE_GROUP],
          applicationObjectIds: [],
        },
        auth: { kind: "secret", clientId: azureClient.clientId, clientSecret: azureClient.secret },
        endpoints: {
          azureResourceManager: azure.endpoint,
          azureAuthorityHost: azure.endpoint,
          azureGraph: azure.endpoint,
        },
        caBundle: azure.ca,
      },
      aws: {
        cloud: "aws",
        scope: { accountId: AWS_ACCOUNT, region: "us-east-1" },
        auth: {
          kind: "secret",
          accessKeyId: aws.accessKeyId,
          secretAccessKey: randomBytes(30).toString("base64"),
        },
        endpoints: { awsEndpoint: aws.url },
        caBundle: aws.ca,
      },
      gcp: {
        cloud: "gcp",
        scope: { projectId: GCP_PROJECT.projectId, projectNumber: GCP_PROJECT.projectNumber },
        auth: { kind: "secret", serviceAccountKey: keyJson },
        endpoints: { gcpRootUrl: gcp.rootUrl, gcpTokenUrl: gcp.tokenUrl },
        caBundle: gcp.ca,
      },
    },
    clearLogs() {
      azure.requests.length = 0;
      aws.requests.length = 0;
      gcp.requests.length = 0;
    },
    async stop() {
      await Promise.all([azure.close(), aws.close(), gcp.close()]);
    },
  };
  // Every request from here on is 25 ms late. Azure's sign-in endpoint is
  // served before the emulator's faults are consulted: its token requests
  // come back at once (counted apart below).
  azure.faults.add({ kind: "latency", ms: shape.latencyMs });
  aws.faults.latencyMs = shape.latencyMs;
  gcp.faults.add({ kind: "latency", ms: shape.latencyMs });
  return clouds;
}

export type RequestKind = "sign-in" | "read" | "write";
export type Tally = Record<string, { kind: RequestKind; count: number }>;

function tally(entries: { label: string; kind: RequestKind }[]): Tally {
  const out: Tally = {};
  for (const { label, kind } of entries) {
    out[label] ??= { kind, count: 0 };
    out[label].count += 1;
  }
  return out;
}

function azureLabel(method: string, path: string): { label: string; kind: RequestKind } {
  if (/\/oauth2\/v2\.0\/token$/.test(path)) return { label: "POST token", kind: "sign-in" };
  if (path.includes("/.well-known/") || path.includes("/discovery/"))
    return { label: "GET sign-in metadata", kind: "sign-in" };
  const what = path.includes("/federatedIdentityCredentials/")
    ? "credential"
    : path.endsWith("/federatedIdentityCredentials")
      ? "credential list"
      : path.split("/").slice(-2).join("/");
  return { label: `${method} ${what}`, kind: method === "GET" ? "read" : "write" };
}

function awsLabel(action: string): { label: string; kind: RequestKind } {
  const read = /^(Get|List)/.test(action);
  return { label: action, kind: read ? "read" : action === "GetCallerIdentity" ? "read" : "write" };
}

function gcpLabel(method: string, path: string): { label: string; kind: RequestKind } {
  if (path === "/token") return { label: "POST token", kind: "sign-in" };
  const verb = /:(\w+)$/.exec(path)?.[1];
  if (verb)
    return {
      label: verb,
      kind: verb.startsWith("get") || verb.startsWith("test") ? "read" : "write",
    };
  return {
    label: `${method} ${path.split("/").slice(-2, -1)[0] ?? path}`,
    kind: method === "GET" ? "read" : "write",
  };
}

/** Every request each emulator saw since the last clearLogs, by call. */
export function tallies(clouds: Clouds): Record<"azure" | "aws" | "gcp", Tally> {
  return {
    azure: tally(clouds.azure.requests.map((r) => azureLabel(r.method, r.path))),
    aws: tally(clouds.aws.requests.map((r) => awsLabel(r.action))),
    gcp: tally(clouds.gcp.requests.map((r) => gcpLabel(r.method, r.path))),
  };
}

export const countOf = (t: Tally, kind: RequestKind) =>
  Object.values(t).reduce((sum, entry) => sum + (entry.kind === kind ? entry.count : 0), 0);

/** What the clouds hold after the first apply, read from the emulators' state. */
export function cloudState(clouds: Clouds): string {
  let fics = 0;
  for (const parent of clouds.azureParents) fics += clouds.azure.store.fics(parent.id).length;
  let statements = 0;
  let foreign = 0;
  for (const role of clouds.aws.state.roles.values()) {
    const doc = JSON.parse(role.policy) as { Statement: { Sid?: string }[] };
    statements += doc.Statement.filter((s) => s.Sid !== "Ec2").length;
    foreign += doc.Statement.filter((s) => s.Sid === "Ec2").length;
  }
  let members = 0;
  for (const email of clouds.serviceAccounts) {
    const policy = clouds.gcp.state.policies.get(email);
    members += policy?.bindings.reduce((s, b) => s + b.members.length, 0) ?? 0;
  }
  return `Azure ${fics} credentials, AWS ${statements} statements (+${foreign} foreign kept), GCP ${members} members`;
}
