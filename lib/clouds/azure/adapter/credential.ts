import { ClientSecretCredential, DefaultAzureCredential } from "@azure/identity";
import type { TokenCredential } from "@azure/core-auth";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { httpsAgentOf, noSdkRetries, tlsOptionsOf } from "./pipeline-options";

/**
 * The credential Fedlens signs in to Entra with for one connection: the
 * ambient chain (workload identity, managed identity, Azure CLI…) or the
 * connection's stored client secret, opened only here, at the SDK call.
 */
export function azureCredential(connection: ConnectionOf<"azure">): TokenCredential {
  const authorityHost = connection.endpoints.azureAuthorityHost;
  const options = {
    tenantId: connection.scope.tenantId,
    ...noSdkRetries,
    // An overridden authority (sovereign cloud, emulator) is trusted as
    // configured: MSAL's instance discovery only knows Microsoft's public hosts.
    // https://learn.microsoft.com/en-us/javascript/api/@azure/identity/authorityvalidationoptions
    ...(authorityHost ? { authorityHost, disableInstanceDiscovery: true } : {}),
  };
  const { auth } = connection;
  // The ambient chain may ask the instance metadata service over plain http,
  // which an https agent cannot carry: it gets the TLS options instead.
  if (auth.kind === "ambient") {
    return new DefaultAzureCredential({ ...options, ...tlsOptionsOf(connection) });
  }
  if (auth.secret.kind !== "azure-client-secret") {
    throw new Error("An Azure connection carries an Azure client secret.");
  }
  return new ClientSecretCredential(
    connection.scope.tenantId,
    auth.secret.clientId,
    auth.secret.clientSecret.reveal(),
    { ...options, ...httpsAgentOf(connection) },
  );
}
