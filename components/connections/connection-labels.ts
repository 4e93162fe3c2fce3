import type { TConnection } from "@/lib/schemas/connection";

// Plain words for a connection's parts, shared by the list and the details.

/** One line saying what the connection reaches. */
export function scopeSummary(connection: Pick<TConnection, "cloud" | "scope">): string {
  const scope = connection.scope as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  switch (connection.cloud) {
    case "azure": {
      const count = list(scope.subscriptionIds);
      return `Tenant ${String(scope.tenantId)}, ${count} ${count === 1 ? "subscription" : "subscriptions"}`;
    }
    case "aws":
      return `Account ${String(scope.accountId)} in ${String(scope.region)}${scope.roleArn ? ", assuming a role" : ""}`;
    case "gcp":
      return `Project ${String(scope.projectId)} (${String(scope.projectNumber)})`;
  }
}

export const secretLabels = {
  azure: { identity: "Client ID", secret: "Client secret" },
  aws: { identity: "Access key ID", secret: "Secret access key" },
  gcp: { identity: "Service account", secret: "Service-account key" },
} as const;

export function authSummary(connection: Pick<TConnection, "cloud" | "auth">): string {
  if (connection.auth.kind === "ambient") return "Ambient (no stored secret)";
  return `Stored ${secretLabels[connection.cloud].secret.toLowerCase()}`;
}

export const ambientHelp = {
  azure:
    "Fedlens signs in the way the Azure SDK's default chain does: workload identity (AZURE_FEDERATED_TOKEN_FILE), a managed identity, or environment variables. No secret is stored.",
  aws: "Fedlens signs in the way the AWS SDK's default chain does: a web identity token (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE), the instance or task role, or environment variables. No secret is stored.",
  gcp: "Fedlens signs in with Application Default Credentials: an external-account (workload identity federation) file, the attached service account, or GOOGLE_APPLICATION_CREDENTIALS. No secret is stored.",
} as const;
