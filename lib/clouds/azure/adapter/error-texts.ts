import type { CloudErrorKind } from "@/lib/clouds/adapter-types";

// Our cause and fix for each Azure failure, in plain words: the cloud's own
// code and message travel beside them untouched (explain.ts).

export type ErrorText = { cause: string; fix: string };

// Reader (*/read) reads every user-assigned identity and its FICs and nothing
// else; Managed Identity Operator reads them too (userAssignedIdentities/*/read)
// but can also assign identities and run deployments, so it is not read-only.
// https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/general#reader
// https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/identity#managed-identity-operator
// https://learn.microsoft.com/en-us/azure/role-based-access-control/permissions/identity#microsoftmanagedidentity
const armRoleFix =
  "Assign Fedlens's identity the built-in Reader role on the subscription or resource group (or a custom role with Microsoft.ManagedIdentity/userAssignedIdentities/read and Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read). Role assignments can take a few minutes to apply.";

/** By the cloud's code (ARM, Microsoft Graph, Entra's AADSTS). */
export const textsByCode: Record<string, ErrorText> = {
  // https://learn.microsoft.com/en-us/azure/role-based-access-control/troubleshooting
  AuthorizationFailed: {
    cause:
      "Fedlens's identity has no Azure role that lets it read user-assigned managed identities and their federated credentials at this scope.",
    fix: armRoleFix,
  },
  // https://learn.microsoft.com/en-us/graph/api/application-list-federatedidentitycredentials (permissions)
  Authorization_RequestDenied: {
    cause:
      "Fedlens's identity lacks the Microsoft Graph permission to read app registrations and their federated credentials.",
    fix: "Grant Fedlens's app the Microsoft Graph application permission Application.Read.All and have an administrator consent to it.",
  },
  InvalidAuthenticationToken: {
    cause: "Azure refused the access token Fedlens presented.",
    fix: "Check that the resource manager, Graph and authority endpoints of the connection belong to the same Azure cloud.",
  },
  InvalidAuthenticationTokenTenant: {
    cause:
      "The subscription belongs to a different Entra tenant than the one Fedlens signed in to.",
    fix: "Set the connection's tenant id to the tenant that owns the subscription.",
  },
  ExpiredAuthenticationToken: {
    cause: "The access token had expired when Azure received it.",
    fix: "Check the clock of the machine Fedlens runs on, then test the connection again.",
  },
  // https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
  AADSTS7000215: {
    cause:
      "Entra refused the stored client secret: it is wrong, it is the secret's id instead of its value, or it was removed.",
    fix: "Create a new client secret on the app registration and paste its value (not its id) into the connection.",
  },
  AADSTS7000222: {
    cause: "The stored client secret has expired.",
    fix: "Create a new client secret on the app registration and replace the stored one.",
  },
  AADSTS700016: {
    cause: "Entra has no application with this client id in the connection's tenant.",
    fix: "Check the client id and the tenant id: the app registration must live in that tenant.",
  },
  AADSTS90002: {
    cause: "Entra does not know the connection's tenant.",
    fix: "Check the tenant id (the Directory ID on the Entra overview page) and that the authority host is the right Azure cloud for it.",
  },
  endpoints_resolution_error: {
    cause:
      "Entra did not give Fedlens the sign-in metadata of the connection's tenant: the tenant id is unknown in this Azure cloud (Entra answers AADSTS90002), or the authority host is wrong or unreachable.",
    fix: "Check the tenant id (the Directory ID on the Entra overview page) and the connection's authority host.",
  },
  CredentialUnavailable: {
    cause:
      "No ambient Azure credential is available where Fedlens runs (no workload identity, managed identity or Azure CLI sign-in).",
    fix: "Give Fedlens a workload identity or a managed identity (AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE), or store a client secret on the connection.",
  },
  NoRegisteredProviderFound: {
    cause:
      "This Azure endpoint does not offer the API version Fedlens reads managed identities with.",
    fix: "Check the connection's resource manager endpoint; flexible credentials need the 2025-01-31-preview API version.",
  },
  FedlensUnexpectedResponse: {
    cause: "Azure answered with a body Fedlens could not read.",
    fix: "Check that the endpoint overrides point at Azure (or the sandbox), then try again.",
  },
  FedlensOtherOrigin: {
    cause:
      "Azure pointed Fedlens at another host for the rest of a list; Fedlens does not send its access token there.",
    fix: "Check the connection's resource manager and Graph endpoints.",
  },
  FedlensOutsideTenant: {
    cause: "The target belongs to a different Entra tenant than the connection.",
    fix: "Link the target to a connection for its own tenant.",
  },
};

// https://learn.microsoft.com/en-us/azure/azure-resource-manager/troubleshooting/error-not-found
const notFound: ErrorText = {
  cause:
    "The object no longer exists in Azure (it was deleted, or the id, resource group or subscription is wrong).",
  fix: "If it was deleted on purpose, remove it from the catalogue; otherwise check its ids.",
};

/** When the code is not one we know, by what kind of failure it is. */
export const textsByKind: Record<CloudErrorKind, ErrorText> = {
  "not-found": notFound,
  unauthenticated: {
    cause: "Entra or Azure did not accept Fedlens's credential.",
    fix: "Check the connection's tenant, client id and secret (or Fedlens's ambient identity), then test it again.",
  },
  denied: {
    cause: "Azure refused the read: Fedlens's identity lacks a permission.",
    fix: armRoleFix,
  },
  // https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/request-limits-and-throttling
  throttled: {
    cause: "Azure is throttling Fedlens's requests.",
    fix: "Fedlens waited as long as Azure asked and retried a few times; try again in a minute or narrow the connection's scope.",
  },
  unavailable: {
    cause: "Azure answered with a server error.",
    fix: "This usually passes: try again in a few minutes.",
  },
  network: {
    cause: "Fedlens could not reach the Azure endpoint.",
    fix: "Check the connection's endpoint overrides, DNS, proxy and firewall rules.",
  },
  invalid: {
    cause: "Azure rejected the request as invalid.",
    fix: "Check the connection's ids and endpoints; the cloud's message says which part it refused.",
  },
  conflict: {
    cause: "Another change to the same object was in progress.",
    fix: "Try again in a moment.",
  },
  other: {
    cause: "Azure returned an error Fedlens does not recognise.",
    fix: "Read the cloud's message above; if it persists, check the connection's settings.",
  },
};

/** A certificate the connection does not trust is a setting to fix, not an outage. */
export const untrustedCertificate: ErrorText = {
  cause: "Fedlens does not trust the TLS certificate of the Azure endpoint.",
  fix: "Add the certificate authority that signs the endpoint's certificate to the connection's CA bundle.",
};
