import "server-only";
import { Agent } from "node:https";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";

// The IAM and STS clients for one connection. Both are global Query APIs, so
// one endpoint override serves both (the emulator and moto dispatch by Action).

/**
 * Retries: the SDK's standard mode makes 3 attempts and counts IAM's quota
 * error LimitExceededException as throttling, so it would retry a call that
 * waiting never fixes; on top of the adapter's own rule that is 3 × 5 calls.
 * SDK retries are therefore off (one attempt) and every retry goes through
 * lib/clouds/retry.ts: throttling, 5xx and network only, bounded, honouring
 * Retry-After (SECURITY.md 4.4 "don't multiply retries").
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
const sdkAttempts = 1;

// fromTemporaryCredentials asks for the shortest session STS grants (900 s),
// refreshed by the SDK before it expires.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
const sessionName = "fedlens";
const sessionSeconds = 900;

type Connection = ConnectionOf<"aws">;
type CredentialsProvider = () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}>;

// Parsing the system's roots with the bundle costs milliseconds of CPU, and
// apply builds clients per change: one TLS context per bundle is kept.
const secureContexts = new Map<string, SecureContext>();

function secureContextFor(caBundle: string): SecureContext {
  let context = secureContexts.get(caBundle);
  if (!context) {
    context = createSecureContext({ ca: [...rootCertificates, caBundle] });
    secureContexts.set(caBundle, context);
  }
  return context;
}

/** Region, endpoint, CA and one attempt, without credentials (the exchange's unsigned call uses it alone). */
export function clientBase(connection: Connection) {
  // A custom CA is trusted in addition to the system's, never by turning
  // verification off.
  const httpsAgent = connection.caBundle
    ? new Agent({ secureContext: secureContextFor(connection.caBundle), keepAlive: true })
    : undefined;
  return {
    region: connection.scope.region,
    maxAttempts: sdkAttempts,
    ...(connection.endpoints.awsEndpoint ? { endpoint: connection.endpoints.awsEndpoint } : {}),
    ...(httpsAgent ? { requestHandler: { httpsAgent } } : {}),
  };
}

function baseCredentials(connection: Connection): CredentialsProvider {
  const { auth } = connection;
  if (auth.kind === "ambient") {
    // The default chain: environment, web identity (AWS_ROLE_ARN +
    // AWS_WEB_IDENTITY_TOKEN_FILE), shared files, container and instance roles.
    // https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
    return fromNodeProviderChain({ clientConfig: clientBase(connection) });
  }
  if (auth.secret.kind !== "aws-access-key") {
    throw new Error("An AWS connection holds an AWS access key.");
  }
  const { accessKeyId, secretAccessKey } = auth.secret;
  // Revealed only when the SDK asks for it to sign a request.
  return async () => ({ accessKeyId, secretAccessKey: secretAccessKey.reveal() });
}

function credentialsFor(connection: Connection): CredentialsProvider {
  const base = baseCredentials(connection);
  const { roleArn } = connection.scope;
  if (!roleArn) return base;
  return fromTemporaryCredentials({
    params: { RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: sessionSeconds },
    masterCredentials: base,
    clientConfig: clientBase(connection),
  });
}

export type AwsClients = { iam: IAMClient; sts: STSClient; destroy(): void };

export function awsClients(connection: Connection): AwsClients {
  const base = clientBase(connection);
  const credentials = credentialsFor(connection);
  const iam = new IAMClient({ ...base, credentials });
  const sts = new STSClient({ ...base, credentials });
  return {
    iam,
    sts,
    destroy() {
      iam.destroy();
      sts.destroy();
    },
  };
}

// Calls made through one connection object (apply runs many changes in
// parallel) share its clients, so their TLS connections are reused; the
// clients are released a moment after the last of those calls ends. Without
// that moment, a lane of an apply that paused between two changes (its
// database work) while the others did too dropped the clients, and the next
// change paid for new clients and a new TLS handshake.
const lingerMs = 2_000;
type Entry = { clients: AwsClients; users: number; release?: ReturnType<typeof setTimeout> };
const inUse = new WeakMap<Connection, Entry>();

/** Runs `work` with the connection's clients and releases their sockets after. */
export async function withAwsClients<T>(
  connection: Connection,
  work: (clients: AwsClients) => Promise<T>,
): Promise<T> {
  let entry = inUse.get(connection);
  if (!entry) {
    entry = { clients: awsClients(connection), users: 0 };
    inUse.set(connection, entry);
  }
  clearTimeout(entry.release);
  entry.users += 1;
  const held = entry;
  try {
    return await work(held.clients);
  } finally {
    held.users -= 1;
    if (held.users === 0) {
      held.release = setTimeout(() => {
        inUse.delete(connection);
        held.clients.destroy();
      }, lingerMs);
      // A process that is done (the CLI) does not wait for the release.
      held.release.unref();
    }
  }
}
