import type { SecretValue } from "@/lib/secrets/secret-value";
import type { Cloud, TargetKind } from "@/lib/clouds/types";
import type { TAzureConnectionScope } from "@/lib/clouds/azure/connection-scope";
import type { TAwsConnectionScope } from "@/lib/clouds/aws/connection-scope";
import type { TGcpConnectionScope } from "@/lib/clouds/gcp/connection-scope";

// The third part of a cloud (DESIGN "A cloud is one folder, in three parts"):
// the adapter, the only code that talks to a cloud through its SDK. This file
// is the contract between the adapters and the code that uses them
// (connections, import, drift, later sync and exchange); it holds no SDK type.

/** Optional endpoint overrides (sovereign clouds, emulators), validated when the connection is saved. */
export type ConnectionEndpoints = {
  /** e.g. https://management.azure.com */
  azureResourceManager?: string;
  /** e.g. https://login.microsoftonline.com */
  azureAuthorityHost?: string;
  /** e.g. https://graph.microsoft.com */
  azureGraph?: string;
  /** One endpoint for IAM and STS (both are global Query APIs). */
  awsEndpoint?: string;
  /** Root URL for iam, sts, iamcredentials and cloudresourcemanager. */
  gcpRootUrl?: string;
  /** Token endpoint for a service-account key (defaults to the key's token_uri). */
  gcpTokenUrl?: string;
};

/** A stored secret, opened in memory only for the call that needs it. */
export type ConnectionSecret =
  | { kind: "azure-client-secret"; clientId: string; clientSecret: SecretValue }
  | { kind: "aws-access-key"; accessKeyId: string; secretAccessKey: SecretValue }
  | { kind: "gcp-service-account-key"; keyJson: SecretValue };

export type ConnectionAuthentication =
  { kind: "ambient" } | { kind: "secret"; secret: ConnectionSecret };

type ConnectionBase = {
  id: string;
  name: string;
  sandbox: boolean;
  auth: ConnectionAuthentication;
  endpoints: ConnectionEndpoints;
  /** PEM bundle trusted (in addition to the system's) for the endpoints above. */
  caBundle: string | null;
};

/** A connection as an adapter receives it: validated, secret opened. */
export type AdapterConnection =
  | (ConnectionBase & { cloud: "azure"; scope: TAzureConnectionScope })
  | (ConnectionBase & { cloud: "aws"; scope: TAwsConnectionScope })
  | (ConnectionBase & { cloud: "gcp"; scope: TGcpConnectionScope });
export type ConnectionOf<C extends Cloud> = Extract<AdapterConnection, { cloud: C }>;

/**
 * What a failed cloud call means, whatever SDK made it. `kind` drives
 * behaviour (a `denied` or `throttled` read is never a `not-found`);
 * `code` and `message` are the cloud's own words; `cause` and `fix` are ours.
 */
export type CloudErrorKind =
  | "not-found"
  | "unauthenticated"
  | "denied"
  | "throttled"
  | "unavailable"
  | "network"
  | "invalid"
  | "conflict"
  | "other";

export type CloudError = {
  kind: CloudErrorKind;
  code: string;
  message: string;
  cause: string;
  fix: string;
  /** HTTP status when there was one. */
  status?: number;
  /** What the object was (an ARM id, a role ARN, a resource name), for the operator. */
  object?: string;
};

/** Thrown by adapters; carries the mapped error and nothing secret. */
export class CloudCallError extends Error {
  readonly cloudError: CloudError;
  constructor(cloudError: CloudError) {
    super(`${cloudError.code}: ${cloudError.message}`);
    this.name = "CloudCallError";
    this.cloudError = cloudError;
  }
}

/** One trust object as the cloud holds it, in the catalogue's terms. */
export type ActualBinding = {
  /**
   * The key drift and import match on (adapter.bindingKey of the spec): the
   * FIC name, the statement Sid, the GCP service account + role + member.
   */
  key: string;
  /** A binding spec the cloud's `bindingSpecSchema` accepts (name, issuer, subject…). */
  spec: unknown;
  /**
   * The object exactly as `cloudCatalog(cloud).cloudObject` shows a catalogue
   * binding with this spec, so drift can compare the two field by field.
   */
  cloudObject: unknown;
  /** Something the operator should know before importing it (e.g. the statement has no Sid), in plain words. */
  description?: string;
};

/** A target as the cloud holds it, in the catalogue's terms. */
export type ActualTarget = {
  kind: TargetKind;
  /** A target config its kind's `configSchema` accepts. */
  config: unknown;
  /** The same `externalId` the catalogue computes for that config. */
  externalId: string;
  /** What the operator calls it (identity name, role name, provider id). */
  displayName: string;
  bindings: ActualBinding[];
  /** Trust objects Fedlens cannot express as a binding (a statement for another principal…), shown, never imported. */
  foreign?: { key: string; description: string; cloudObject: unknown }[];
};

export type TargetRead =
  | { state: "found"; target: ActualTarget }
  | { state: "missing" }
  | { state: "unreadable"; error: CloudError };

export type ConnectionTestResult =
  | {
      ok: true;
      /** Who Fedlens is in the cloud: object id / caller ARN / service account. */
      principal: string;
      /** Plain lines shown under the result (what was read). */
      details: string[];
    }
  | { ok: false; error: CloudError };

export type DiscoverProgress = (progress: {
  read: number;
  total?: number;
  message: string;
}) => void;

export type DiscoverResult = {
  targets: ActualTarget[];
  /** Objects that could not be read (the rest of the import goes on). */
  errors: { object: string; error: CloudError }[];
};

export type CatalogTargetRef = {
  kind: TargetKind;
  config: unknown;
  externalId: string;
  /** The catalogue's bindings of the target (GCP reads the service accounts they name). */
  bindings: { name: string; spec: unknown }[];
};

export type AdapterOptions = { signal?: AbortSignal };

export type CloudAdapter = {
  cloud: Cloud;
  /** A harmless read that says who Fedlens is; never throws for a cloud failure. */
  test(connection: AdapterConnection, options?: AdapterOptions): Promise<ConnectionTestResult>;
  /** Everything the connection's scope holds that a binding can describe (import). */
  discover(
    connection: AdapterConnection,
    options?: AdapterOptions & { onProgress?: DiscoverProgress },
  ): Promise<DiscoverResult>;
  /** One target and its trust objects (drift); never throws for a cloud failure. */
  readTarget(
    connection: AdapterConnection,
    target: CatalogTargetRef,
    options?: AdapterOptions,
  ): Promise<TargetRead>;
  /** Pure: the key a catalogue binding's spec matches an `ActualBinding.key` by. */
  bindingKey(spec: unknown): string;
  /**
   * Pure, optional: the catalogue side of a per-binding drift comparison, when
   * the catalogue's `cloudObject` depends on the binding's siblings (AWS
   * renders the whole trust policy). `ActualBinding.cloudObject` is built the
   * same way. Without it, drift compares `cloudCatalog(cloud).cloudObject`.
   */
  comparableCloudObject?(spec: unknown, targetConfig: unknown): unknown;
  /** Any error from this cloud's SDK as a CloudError. */
  explain(error: unknown): CloudError;
};

// ---- Write side (issue "Sync: plan and apply") -------------------------------

/** What a binding should look like in the cloud: its spec and its comparable cloud object. */
export type DesiredBinding = { key: string; spec: unknown; cloudObject: unknown };

/**
 * One change to one trust object, as the plan computed it. `delete` is only
 * ever planned for objects Fedlens owns; objects it does not own are reported,
 * never changed.
 */
export type PlannedChange =
  | {
      op: "create";
      key: string;
      desired: DesiredBinding;
      /** The target itself was missing when planned: the writer creates it first (GCP providers). */
      createsTarget?: boolean;
    }
  | { op: "update"; key: string; actual: ActualBinding; desired: DesiredBinding }
  | { op: "delete"; key: string; actual: ActualBinding };

/** The SDK call a change makes, for the plan's display ("federatedIdentityCredentials.createOrUpdate …"). */
export type ChangeDescription = { call: string; before: unknown; after: unknown };

export type ApplyResult = {
  /** `unchanged`: the cloud already held the desired state (an idempotent re-run). */
  status: "applied" | "unchanged";
  /** The object as the cloud holds it afterwards (null after a delete). */
  after: ActualBinding | null;
};

/**
 * The write half of an adapter. `applyChange` re-reads the object first and
 * writes only when the cloud differs from the desired state, so re-running a
 * change converges; it serialises writes where the cloud demands it (one
 * Azure identity, one AWS role's trust policy, one service account's IAM
 * policy) and retries throttling with `withRetry`. It throws CloudCallError
 * when the cloud refuses. It never touches objects other than `change.key`
 * (other statements, other members, other credentials are kept as they are).
 */
export type CloudWriter = {
  describeChange(target: CatalogTargetRef, change: PlannedChange): ChangeDescription;
  /**
   * The parent whose writes the cloud wants one at a time (the identity, the
   * role, the service account): apply runs the changes of one key in order
   * and different keys in parallel.
   */
  serialKey(target: CatalogTargetRef, change: PlannedChange): string;
  /** Whether a missing target is created by its bindings' first change (a GCP provider); never for others. */
  createsMissingTarget?(target: CatalogTargetRef): boolean;
  applyChange(
    connection: AdapterConnection,
    target: CatalogTargetRef,
    change: PlannedChange,
    options?: AdapterOptions,
  ): Promise<ApplyResult>;
};
