import { randomBytes, randomUUID, type KeyObject } from "node:crypto";

// What the GCP emulator holds, seeded directly by tests. Shapes follow the
// IAM v1 and Resource Manager v3 resources:
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts
// https://cloud.google.com/iam/docs/reference/rest/v1/Policy
// https://cloud.google.com/resource-manager/reference/rest/v3/projects

export type ResourceState = "ACTIVE" | "DELETED";
export type EmulatedProject = { projectId: string; projectNumber: string; displayName: string };
export type Pool = {
  name: string;
  displayName?: string;
  description?: string;
  state: ResourceState;
  disabled: boolean;
  expireTime?: string;
};
export type Provider = Pool & {
  attributeMapping?: Record<string, string>;
  attributeCondition?: string;
  oidc?: { issuerUri: string; allowedAudiences?: string[]; jwksJson?: string };
  aws?: { accountId: string };
  saml?: { idpMetadataXml: string };
};
export type ServiceAccount = {
  name: string;
  projectId: string;
  uniqueId: string;
  email: string;
  displayName?: string;
  disabled: boolean;
  oauth2ClientId: string;
};
export type PolicyBinding = {
  role: string;
  members: string[];
  condition?: { expression: string; title?: string; description?: string };
};
export type StoredPolicy = { version: number; bindings: PolicyBinding[]; etag: string };
export type Operation = {
  name: string;
  done: boolean;
  response: unknown;
  /** operations.get answers done:false this many more times. */
  pollsLeft: number;
  /** A google.rpc.Status the operation ends with instead of its response. */
  error?: { code: number; message: string };
};
type RegisteredKey = { keyId: string; publicKey: KeyObject };
/** Whom a federated access token from the emulated STS stands for (CLOUDS.md 3.6-3.7). */
export type FederatedToken = {
  /** projects/N/locations/global/workloadIdentityPools/POOL */
  pool: string;
  /** The mapped google.subject. */
  subject: string;
  /** The mapped attribute.* values, without the prefix. */
  attributes: Record<string, string>;
  scopes: string[];
  expiresAt: number;
};
/** What one exchange call asked for and how it was answered (never the assertion or a credential). */
export type ExchangeCall =
  | {
      api: "sts";
      audience: string;
      scope: string;
      subjectTokenType: string;
      requestedTokenType: string;
      /** "ok" or the OAuth error code. */
      answer: string;
    }
  | {
      api: "iamcredentials";
      serviceAccount: string;
      /** The principal the federated token stood for, when it was a known one. */
      principal: string | null;
      scope: string[];
      lifetime: string | null;
      /** "ok" or the google.rpc status. */
      answer: string;
    };

/** A fresh opaque etag, as IAM returns base64 bytes (Policy.etag). */
export function newEtag(): string {
  return randomBytes(8).toString("base64");
}

export function poolName(projectNumber: string, poolId: string): string {
  return `projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}`;
}

export class GcpState {
  readonly projects: EmulatedProject[] = [];
  readonly pools = new Map<string, Pool>();
  readonly providers = new Map<string, Provider>();
  readonly serviceAccounts = new Map<string, ServiceAccount>();
  readonly policies = new Map<string, StoredPolicy>();
  readonly operations = new Map<string, Operation>();
  readonly keys = new Map<string, RegisteredKey>();
  /** How many operations.get calls a new long-running operation answers done:false to. */
  operationPolls = 0;
  /** Set by a test: the next operations end with this google.rpc.Status. */
  operationError: Operation["error"] = undefined;
  /** Access tokens the token endpoint issued, to the service account they stand for. */
  readonly tokens = new Map<string, string>();
  /** Federated access tokens the emulated STS issued. */
  readonly federatedTokens = new Map<string, FederatedToken>();
  /** Every STS and generateAccessToken call, in order. */
  readonly exchangeCalls: ExchangeCall[] = [];

  addProject(project: EmulatedProject) {
    this.projects.push(project);
  }

  /** Resource Manager and IAM take a project ID or number in paths. */
  project(idOrNumber: string): EmulatedProject | undefined {
    return this.projects.find((p) => p.projectId === idOrNumber || p.projectNumber === idOrNumber);
  }

  seedPool(projectNumber: string, poolId: string, fields: Partial<Omit<Pool, "name">> = {}) {
    const pool: Pool = { name: poolName(projectNumber, poolId), state: "ACTIVE", disabled: false };
    this.pools.set(pool.name, { ...pool, ...fields });
    return pool.name;
  }

  seedProvider(
    projectNumber: string,
    poolId: string,
    providerId: string,
    fields: Partial<Omit<Provider, "name">> = {},
  ) {
    const name = `${poolName(projectNumber, poolId)}/providers/${providerId}`;
    this.providers.set(name, { name, state: "ACTIVE", disabled: false, ...fields });
    return name;
  }

  seedServiceAccount(projectId: string, accountId: string, displayName?: string): string {
    const email = `${accountId}@${projectId}.iam.gserviceaccount.com`;
    const uniqueId = String(100_000_000_000_000_000_000n + BigInt(this.serviceAccounts.size));
    this.serviceAccounts.set(email, {
      name: `projects/${projectId}/serviceAccounts/${email}`,
      projectId,
      uniqueId,
      email,
      disabled: false,
      oauth2ClientId: uniqueId,
      ...(displayName ? { displayName } : {}),
    });
    return email;
  }

  /** Replaces a service account's policy outright (no etag check) and gives it a new etag. */
  setPolicy(email: string, bindings: PolicyBinding[], version?: number): StoredPolicy {
    const hasConditions = bindings.some((binding) => binding.condition);
    const policy = { version: version ?? (hasConditions ? 3 : 1), bindings, etag: newEtag() };
    this.policies.set(email, policy);
    return policy;
  }

  /** The public half of a service-account key the token endpoint trusts. */
  registerKey(email: string, publicKey: KeyObject, keyId = randomUUID().replaceAll("-", "")) {
    this.keys.set(email, { keyId, publicKey });
    return keyId;
  }

  startOperation(resourceName: string, response: unknown): Operation {
    const operation: Operation = {
      name: `${resourceName}/operations/${randomUUID()}`,
      done: false,
      response,
      pollsLeft: this.operationPolls,
      ...(this.operationError ? { error: this.operationError } : {}),
    };
    this.operations.set(operation.name, operation);
    return operation;
  }
}
