import "server-only";
import { Agent } from "node:https";
import { createSecureContext, rootCertificates } from "node:tls";
import {
  cloudresourcemanager,
  type cloudresourcemanager_v3,
} from "@googleapis/cloudresourcemanager";
import { iam, type iam_v1 } from "@googleapis/iam";
import { GoogleAuth, JWT } from "google-auth-library";
import { CloudCallError, type ConnectionOf } from "@/lib/clouds/adapter-types";
import { readServiceAccountKey } from "@/lib/clouds/gcp/adapter/service-account-key";

// The Google clients for one connection. Every request, the token request
// included, goes through the auth client's gaxios transporter, so its options
// are the one place TLS and retries are set:
// - caBundle: an https.Agent whose `ca` is the system roots plus the bundle
//   (gaxios hands `agent` to its fetch); verification stays on.
// - retries: gaxios retries 429/5xx up to 3 times by default (and the token
//   request even for POST); retryConfig.retry = 0 turns that off so that
//   withRetry (lib/clouds/retry.ts) is the only, bounded, retry rule.
// https://github.com/googleapis/gaxios#request-options (agent, retryConfig)
// https://cloud.google.com/nodejs/docs/reference/google-auth-library/latest (transporterOptions)

const CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
// The JWT client always posts to and signs for this URL (RFC 7523 aud).
// https://developers.google.com/identity/protocols/oauth2/service-account#httprest
const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

export type GcpClients = {
  iam: iam_v1.Iam;
  resourceManager: cloudresourcemanager_v3.Cloudresourcemanager;
  /** The service account Fedlens acts as, when it can be known without a call. */
  principal: () => Promise<string | null>;
};

type TransporterOptions = NonNullable<ConstructorParameters<typeof JWT>[0]>["transporterOptions"];

// One keep-alive agent per CA bundle for the process: a new agent per client
// meant a new TLS handshake, and the system roots parsed again, for every
// request (measured: about 65 ms of CPU each in the apply bench).
const agents = new Map<string, Agent>();
function agentFor(caBundle: string): Agent {
  let agent = agents.get(caBundle);
  if (!agent) {
    agent = new Agent({
      keepAlive: true,
      secureContext: createSecureContext({ ca: [...rootCertificates, caBundle] }),
    });
    agents.set(caBundle, agent);
  }
  return agent;
}

export function transporterOptions(caBundle: string | null): TransporterOptions {
  const agent = caBundle ? agentFor(caBundle) : undefined;
  return { ...(agent ? { agent } : {}), retryConfig: { retry: 0, noResponseRetries: 0 } };
}

/**
 * A JWT client for a stored key. A token URL other than Google's (a sovereign
 * cloud, an emulator) is reached by rewriting the one request the client sends
 * to Google's, through the transporter's request interceptor, and by setting
 * the assertion's aud to it, as RFC 7523 §3 requires.
 */
function keyClient(
  connection: ConnectionOf<"gcp">,
  keyJson: Parameters<typeof readServiceAccountKey>[0],
) {
  const key = readServiceAccountKey(keyJson);
  const tokenUrl = connection.endpoints.gcpTokenUrl ?? key.token_uri ?? GOOGLE_TOKEN_URL;
  const elsewhere = tokenUrl !== GOOGLE_TOKEN_URL;
  const client = new JWT({
    email: key.client_email,
    key: key.private_key,
    keyId: key.private_key_id,
    scopes: [CLOUD_PLATFORM],
    ...(elsewhere ? { additionalClaims: { aud: tokenUrl } } : {}),
    transporterOptions: transporterOptions(connection.caBundle),
  });
  if (elsewhere) {
    client.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
        return config;
      },
    });
  }
  return { client, principal: async () => key.client_email };
}

/** Application Default Credentials: env key file, gcloud, workload identity federation or the metadata server. */
function ambientClient(connection: ConnectionOf<"gcp">) {
  const auth = new GoogleAuth({
    scopes: [CLOUD_PLATFORM],
    clientOptions: { transporterOptions: transporterOptions(connection.caBundle) },
  });
  return {
    client: auth,
    principal: async () => (await auth.getCredentials()).client_email ?? null,
  };
}

function authFor(connection: ConnectionOf<"gcp">) {
  const { auth } = connection;
  if (auth.kind === "ambient") return ambientClient(connection);
  if (auth.secret.kind === "gcp-service-account-key") {
    return keyClient(connection, auth.secret.keyJson);
  }
  throw new CloudCallError({
    kind: "invalid",
    code: "WrongSecretKind",
    message: "The connection's stored secret is not a service-account key.",
    cause:
      "A GCP connection signs in with a service-account key or with the host's own credentials.",
    fix: "Replace the secret with a service-account key file, or switch the connection to ambient credentials.",
  });
}

export function gcpClients(connection: ConnectionOf<"gcp">): GcpClients {
  const { client, principal } = authFor(connection);
  // googleapis-common ships its own copy of google-auth-library, so the
  // compiler sees two JWT classes; at runtime the API clients only call
  // request() and getUniverseDomain(), which both copies have.
  const auth = client as unknown as iam_v1.Options["auth"];
  const rootUrl = connection.endpoints.gcpRootUrl;
  const common = { auth, ...(rootUrl ? { rootUrl } : {}) };
  return {
    iam: iam({ version: "v1", ...common }),
    resourceManager: cloudresourcemanager({ version: "v3", ...common }),
    principal,
  };
}
