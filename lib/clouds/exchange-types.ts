import { createHash } from "node:crypto";
import type {
  AdapterConnection,
  AdapterOptions,
  CatalogTargetRef,
  CloudError,
} from "@/lib/clouds/adapter-types";
import type { SecretValue } from "@/lib/secrets/secret-value";

// The contract between "try exchange" (the use-case, the API, the CLI) and
// each cloud's exchanger (lib/clouds/<cloud>/adapter/exchange*.ts, the only
// code that makes the real token exchange). The exchanger asks the cloud for
// a credential with the workload's token and reports who it obtained; the
// credential itself never leaves the exchanger (SECURITY.md 3.6-3.8): only
// its fingerprint does.

export type ExchangeRequest = {
  /** The workload's JWT, revealed only where it is handed to the SDK. */
  token: SecretValue;
  target: CatalogTargetRef;
  /** The catalogue binding tried (its spec names the GCP service account, the AWS audience…). */
  binding: { name: string; spec: unknown };
  /**
   * The target's connection, for its endpoints, CA and region; null when the
   * target has none (the cloud's public endpoints are used: every exchange
   * call is unsigned or signed by the token itself).
   */
  connection: AdapterConnection | null;
};

/** One call the exchange made, for the operator's timeline (no token, no credential). */
export type ExchangeStep = {
  /** "Entra token endpoint (client_credentials)", "sts:AssumeRoleWithWebIdentity", … */
  call: string;
  outcome: "ok" | "failed";
  durationMs: number;
};

export type ExchangeSuccess = {
  ok: true;
  /** Who the cloud says the credential is for: object id, assumed-role ARN, principal or service account. */
  identity: string;
  /** ISO 8601. */
  expiresAt: string;
  /** Scopes (Azure, GCP) or the role and session policy (AWS), as the cloud reports them. */
  grants: string[];
  /** First 8 hex of the SHA-256 of the credential (credentialFingerprint). */
  fingerprint: string;
  steps: ExchangeStep[];
};

export type ExchangeFailure = {
  ok: false;
  /** The cloud's code and message verbatim, with our cause and fix. */
  error: CloudError;
  steps: ExchangeStep[];
};

export type ExchangeOutcome = ExchangeSuccess | ExchangeFailure;

/** Never throws for a cloud failure: the failure is the outcome. */
export type CloudExchanger = {
  exchange(request: ExchangeRequest, options?: AdapterOptions): Promise<ExchangeOutcome>;
};

/** What an exchange may show of a credential: enough to tell two apart, nothing to use. */
export function credentialFingerprint(credential: string): string {
  return createHash("sha256").update(credential).digest("hex").slice(0, 8);
}
