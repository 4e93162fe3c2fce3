import { AzureAuthorityHosts } from "@azure/identity";
import type { AdapterConnection, CloudError } from "@/lib/clouds/adapter-types";
import type { ExchangeRequest } from "@/lib/clouds/exchange-types";
import { ZAzureAppConfig, ZAzureUamiConfig } from "@/lib/clouds/azure/target-config";

// The smaller pieces of the Azure exchange: whom to ask for, and the errors
// that are Fedlens's own rather than Entra's.

/** The tenant and client id the token is exchanged for: the identity's or the app's. */
export function exchangeIdentityOf(
  request: Pick<ExchangeRequest, "target" | "connection">,
): { tenantId: string; clientId: string } | undefined {
  if (request.connection && request.connection.cloud !== "azure") return undefined;
  const { kind, config } = request.target;
  // A user-assigned identity signs in with its clientId; an app with its appId,
  // which the app target keeps as clientId (CLOUDS.md §1.2).
  const parsed =
    kind === "azure-uami"
      ? ZAzureUamiConfig.safeParse(config)
      : kind === "azure-app"
        ? ZAzureAppConfig.safeParse(config)
        : undefined;
  if (!parsed?.success) return undefined;
  return { tenantId: parsed.data.tenantId, clientId: parsed.data.clientId };
}

const publicResourceManager = "https://management.azure.com";
const publicAuthorityHosts = new Set<string>(
  Object.values(AzureAuthorityHosts).map((host) => new URL(host).origin),
);

/** The resource manager of the connection's cloud (see AzureExchangerSettings.scope). */
export function defaultScope(connection: AdapterConnection | null): string {
  const arm = connection?.endpoints.azureResourceManager ?? publicResourceManager;
  return `${arm.replace(/\/+$/, "")}/.default`;
}

// Instance discovery asks Microsoft's public hosts about the authority; an
// emulator or private authority is trusted as the connection configures it.
// https://learn.microsoft.com/en-us/javascript/api/@azure/identity/authorityvalidationoptions
export function authorityOptions(connection: AdapterConnection | null) {
  const authorityHost =
    connection?.endpoints.azureAuthorityHost ?? AzureAuthorityHosts.AzurePublicCloud;
  const isPublic = publicAuthorityHosts.has(new URL(authorityHost).origin);
  return { authorityHost, ...(isPublic ? {} : { disableInstanceDiscovery: true }) };
}

export function invalidTarget(): CloudError {
  return {
    kind: "invalid",
    code: "FedlensInvalidTarget",
    message:
      "The target is not an Azure managed identity or app registration with a tenant and client id.",
    cause: "The target's settings do not name an Azure identity Fedlens can exchange a token for.",
    fix: "Check the target's tenant id and client id, or try the exchange on an Azure target.",
  };
}

export function unexpectedToken(): CloudError {
  return {
    kind: "other",
    code: "FedlensUnexpectedResponse",
    message: "The access token Entra returned names no object id.",
    cause: "Entra answered with an access token Fedlens could not read the identity from.",
    fix: "Check that the connection's authority host points at Entra (or the sandbox), then try again.",
  };
}

// The token's three parts: a message quoting any of them would leak the
// token's claims or signature, whichever SDK layer wrote it.
const parts = (token: string) => [token, ...token.split(".")].filter((part) => part.length >= 8);

/** The error with any trace of the workload's token cut out. */
export function withoutToken(error: CloudError, token: string): CloudError {
  const scrub = (text: string) =>
    parts(token).reduce((out, part) => out.replaceAll(part, "[token]"), text);
  return {
    ...error,
    message: scrub(error.message),
    cause: scrub(error.cause),
    fix: scrub(error.fix),
    ...(error.object === undefined ? {} : { object: scrub(error.object) }),
  };
}
