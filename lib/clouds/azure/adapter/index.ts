import "server-only";
import type { AdapterConnection, CloudAdapter, ConnectionOf } from "@/lib/clouds/adapter-types";
import { ZAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { azureClients } from "./clients";
import { discoverAzure } from "./discover";
import { explainAzureError } from "./explain";
import { readContext, type AzureAdapterSettings } from "./read-context";
import { readAzureTarget } from "./read-target";
import { testAzureConnection } from "./test-connection";
import { ficKey } from "./to-actual";

/*
 * Azure adapter (read side): user-assigned managed identities and their
 * federated identity credentials through Azure Resource Manager
 * (@azure/arm-msi), app registrations and theirs through Microsoft Graph, both
 * on the Azure SDK's pipeline with one credential, one TLS setting and one
 * retry rule.
 *
 * Permissions Fedlens needs to read (least privilege, nothing is written):
 * - Azure RBAC, on each subscription or resource group in the connection's scope:
 *   the built-in Reader role, or a custom role with only
 *     Microsoft.ManagedIdentity/userAssignedIdentities/read
 *     Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read
 *   (https://learn.microsoft.com/en-us/azure/role-based-access-control/permissions/identity#microsoftmanagedidentity).
 *   Managed Identity Operator reads them as well, but it can also assign
 *   identities and create deployments, so it is more than Fedlens needs
 *   (https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/identity#managed-identity-operator).
 * - Microsoft Graph, only when app registrations are in scope: the application
 *   permission Application.Read.All, with admin consent
 *   (https://learn.microsoft.com/en-us/graph/api/application-list-federatedidentitycredentials#permissions).
 * - Sign-in: ambient (DefaultAzureCredential: workload identity, managed
 *   identity, Azure CLI) needs no stored secret; otherwise an app registration
 *   with a client secret in the connection's tenant.
 */

const defaultConcurrency = 8;

function asAzure(connection: AdapterConnection): ConnectionOf<"azure"> {
  if (connection.cloud !== "azure") throw new Error("The Azure adapter reads Azure connections.");
  return connection;
}

export function createAzureAdapter(settings: AzureAdapterSettings = {}): CloudAdapter {
  const contextFor = (connection: ConnectionOf<"azure">, signal?: AbortSignal) =>
    readContext(azureClients(connection), settings, signal);
  return {
    cloud: "azure",
    async test(connection, options) {
      try {
        const azure = asAzure(connection);
        return await testAzureConnection(azure, contextFor(azure, options?.signal));
      } catch (error) {
        return { ok: false, error: explainAzureError(error) };
      }
    },
    async discover(connection, options) {
      const azure = asAzure(connection);
      const result = await discoverAzure(azure, contextFor(azure, options?.signal), {
        concurrency: settings.concurrency ?? defaultConcurrency,
        onProgress: options?.onProgress,
      });
      // A cancelled import is not a complete picture with every object "unreadable".
      options?.signal?.throwIfAborted();
      return result;
    },
    async readTarget(connection, target, options) {
      try {
        const azure = asAzure(connection);
        return await readAzureTarget(azure, contextFor(azure, options?.signal), target);
      } catch (error) {
        return { state: "unreadable", error: explainAzureError(error) };
      }
    },
    bindingKey: (spec) => ficKey(ZAzureBindingSpec.parse(spec).name),
    explain: explainAzureError,
  };
}

export const azureAdapter: CloudAdapter = createAzureAdapter();
