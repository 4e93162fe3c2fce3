import { ManagedServiceIdentityClient } from "@azure/arm-msi";
import { ServiceClient } from "@azure/core-client";
import {
  bearerTokenAuthenticationPolicyName,
  createPipelineRequest,
  RestError,
  type PipelinePolicy,
} from "@azure/core-rest-pipeline";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { azureCredential } from "./credential";
import { httpsAgentOf, noSdkRetries } from "./pipeline-options";

// Azure's public cloud; a connection overrides them for sovereign clouds and emulators.
// https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/azure-services-resource-providers
const defaultResourceManager = "https://management.azure.com";
// https://learn.microsoft.com/en-us/graph/deployments
const defaultGraph = "https://graph.microsoft.com";

const trimSlash = (url: string) => url.replace(/\/+$/, "");

const beforeSigning = { beforePolicies: [bearerTokenAuthenticationPolicyName] };

/**
 * The bearer policy attaches a token to whatever URL a request names, next
 * links from a response included: a client sends only to its own endpoint's
 * origin, so a token never leaves for another host.
 */
function sameOriginPolicy(endpoint: string): PipelinePolicy {
  const origin = new URL(endpoint).origin;
  return {
    name: "fedlensSameOrigin",
    sendRequest(request, next) {
      if (new URL(request.url).origin !== origin) {
        throw new RestError(`Refused to send a request outside ${origin}.`, {
          code: "FedlensOtherOrigin",
          request,
        });
      }
      return next(request);
    },
  };
}

export type AzureClients = {
  armEndpoint: string;
  graphEndpoint: string;
  /** Scope of an ARM access token: the resource manager endpoint's /.default. */
  armScope: string;
  credential: ReturnType<typeof azureCredential>;
  /** One ARM client per subscription (the SDK binds it to one). */
  arm(subscriptionId: string): ManagedServiceIdentityClient;
  /** Microsoft Graph through the same credential, TLS and retry settings. */
  graph: ServiceClient;
};

/** The clients of one adapter call, sharing one credential (and so one token cache). */
export function azureClients(connection: ConnectionOf<"azure">): AzureClients {
  const armEndpoint = trimSlash(
    connection.endpoints.azureResourceManager ?? defaultResourceManager,
  );
  const graphEndpoint = trimSlash(connection.endpoints.azureGraph ?? defaultGraph);
  const credential = azureCredential(connection);
  const common = { ...noSdkRetries, ...httpsAgentOf(connection) };
  const armScope = `${armEndpoint}/.default`;
  const armClients = new Map<string, ManagedServiceIdentityClient>();
  const graph = new ServiceClient({
    ...common,
    credential,
    credentialScopes: [`${graphEndpoint}/.default`],
    endpoint: graphEndpoint,
  });
  graph.pipeline.addPolicy(sameOriginPolicy(graphEndpoint), beforeSigning);
  return {
    armEndpoint,
    graphEndpoint,
    armScope,
    credential,
    arm(subscriptionId) {
      let client = armClients.get(subscriptionId);
      if (!client) {
        // No apiVersion option: the SDK would then rewrite the api-version of
        // every request, including the preview reads sent through its pipeline.
        client = new ManagedServiceIdentityClient(credential, subscriptionId, {
          ...common,
          endpoint: armEndpoint,
          $host: armEndpoint,
          credentialScopes: [armScope],
        });
        client.pipeline.addPolicy(sameOriginPolicy(armEndpoint), beforeSigning);
        armClients.set(subscriptionId, client);
      }
      return client;
    },
    graph,
  };
}

/**
 * A request through a client's own pipeline (its bearer policy, TLS and
 * settings), for what the typed operations do not cover (preview and Graph
 * calls). A non-2xx answer throws the same RestError, with the cloud's code
 * and message, that typed calls throw.
 */
export async function requestJson(
  client: ServiceClient,
  request: { method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE"; url: string; body?: unknown },
  abortSignal?: AbortSignal,
): Promise<unknown> {
  const { method, url, body: sent } = request;
  const pipelineRequest = createPipelineRequest({ url, method, abortSignal });
  pipelineRequest.headers.set("accept", "application/json");
  if (sent !== undefined) {
    pipelineRequest.headers.set("content-type", "application/json");
    pipelineRequest.body = JSON.stringify(sent);
  }
  const response = await client.sendRequest(pipelineRequest);
  const text = response.bodyAsText ?? "";
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.status >= 200 && response.status < 300) return body;
  // ARM and Graph share the envelope { error: { code, message } }.
  // https://learn.microsoft.com/en-us/graph/errors
  const envelope = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof envelope?.code === "string" ? envelope.code : `HTTP${response.status}`;
  const message =
    typeof envelope?.message === "string" ? envelope.message : `HTTP ${response.status}`;
  throw new RestError(message, {
    code,
    statusCode: response.status,
    request: pipelineRequest,
    response,
  });
}

/** GET through a client's own pipeline (see requestJson). */
export function getJson(
  client: ServiceClient,
  url: string,
  abortSignal?: AbortSignal,
): Promise<unknown> {
  return requestJson(client, { method: "GET", url }, abortSignal);
}
