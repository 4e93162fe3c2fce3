import type { CloudError } from "@/lib/clouds/adapter-types";
import type { ErrorText } from "./error-texts";

// The write side's cause and fix for the failures only a write meets; the
// cloud's own code and message stay as explain.ts mapped them.

/** Azure's answer to overlapping credential writes under one managed identity (CLOUDS.md 1.5). */
export const concurrentWritesCode =
  "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity";

// https://learn.microsoft.com/en-us/azure/role-based-access-control/permissions/identity#microsoftmanagedidentity
// https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/identity#managed-identity-federated-identity-credential-contributor
const armWriteRole =
  "Assign Fedlens's identity a custom role on the identity, its resource group or subscription with Microsoft.ManagedIdentity/userAssignedIdentities/read and Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read, write and delete (the built-in Managed Identity Federated Identity Credential Contributor role also works, with a little more: deployments and alert rules). Role assignments can take a few minutes to apply.";

// https://learn.microsoft.com/en-us/graph/api/application-post-federatedidentitycredentials#permissions
// https://learn.microsoft.com/en-us/graph/api/federatedidentitycredential-update#permissions
const graphWrite =
  "Grant Fedlens's app the Microsoft Graph application permission Application.ReadWrite.OwnedBy and add Fedlens's service principal as an owner of the app registration (or grant Application.ReadWrite.All), then have an administrator consent to it.";

const byCode: Record<string, ErrorText> = {
  AuthorizationFailed: {
    cause:
      "Fedlens's identity has no Azure role that lets it write or delete the federated credentials of this managed identity.",
    fix: armWriteRole,
  },
  Authorization_RequestDenied: {
    cause:
      "Fedlens's identity lacks the Microsoft Graph permission to change this app registration's federated credentials.",
    fix: graphWrite,
  },
  [concurrentWritesCode]: {
    cause:
      "Another change to a federated credential of this managed identity was in progress (Azure accepts one at a time), and it outlasted Fedlens's retries.",
    fix: "Check for another tool writing to the same identity (a pipeline, Terraform), then apply again.",
  },
};

// ARM and Graph answer these with a generic 400 code; the message says which
// rule failed. Limits and rules: CLOUDS.md 1.5,
// https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations
const byMessage: { pattern: RegExp; text: ErrorText }[] = [
  {
    pattern: /\b20 federated|maximum of 20/i,
    text: {
      cause: "The identity or app already holds 20 federated credentials, Azure's limit.",
      fix: "Delete credentials it no longer needs, or move some workloads to another identity or app, then apply again.",
    },
  },
  {
    pattern: /issuer and subject combination already exists/i,
    text: {
      cause:
        "Another federated credential on the same identity or app already trusts this issuer and subject.",
      fix: "Import that credential into the catalogue, or delete it, instead of creating a second one.",
    },
  },
  {
    pattern: /name .*invalid|name .*cannot/i,
    text: {
      cause:
        "Azure refused the credential's name: 3 to 120 letters, digits, '-' or '_', starting with a letter or digit, and never renamed.",
      fix: "Give the binding a name that follows these rules.",
    },
  },
  {
    pattern: /issuer/i,
    text: {
      cause: "Azure refused the issuer: it must be an absolute URL of at most 600 characters.",
      fix: "Correct the issuer URL of the binding (copy it exactly from the token's iss claim).",
    },
  },
  {
    pattern: /subject|claimsMatchingExpression/i,
    text: {
      cause:
        "Azure refused the subject or claims-matching expression (missing, both set, or longer than 600 characters).",
      fix: "Set either a subject or a claims-matching expression on the binding, within the limits.",
    },
  },
  {
    pattern: /audience/i,
    text: {
      cause: "Azure refused the audience: a credential has exactly one, of at most 600 characters.",
      fix: "Give the binding exactly one audience (usually api://AzureADTokenExchange).",
    },
  },
];

/** A failed write's CloudError with the write side's cause and fix where it has one. */
export function explainWriteError(error: CloudError): CloudError {
  const text =
    byCode[error.code] ??
    (error.kind === "invalid" && error.status === 400
      ? byMessage.find(({ pattern }) => pattern.test(error.message))?.text
      : undefined);
  return text ? { ...error, ...text } : error;
}
