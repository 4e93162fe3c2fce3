import type { Cloud, TargetKind } from "@/lib/clouds/types";

/** How the console offers each kind of target, in the cloud's own words. */
export const targetKindCards: Record<
  TargetKind,
  { title: string; short: string; summary: string; exampleName: string }
> = {
  "azure-uami": {
    title: "Azure managed identity",
    short: "Managed identity",
    summary:
      "A user-assigned managed identity: its federated credentials let a workload act as it, up to 20 per identity.",
    exampleName: "uami-payments-prod",
  },
  "azure-app": {
    title: "Azure app registration",
    short: "App registration",
    summary:
      "An Entra application: for multi-tenant apps or where a managed identity cannot be used.",
    exampleName: "app-payments-prod",
  },
  "aws-role": {
    title: "AWS IAM role",
    short: "IAM role",
    summary:
      "A role whose trust policy admits tokens through the account's IAM OIDC provider (AssumeRoleWithWebIdentity).",
    exampleName: "role-payments-prod",
  },
  "gcp-provider": {
    title: "GCP workload identity provider",
    short: "Pool provider",
    summary:
      "A workload identity pool provider: it maps token claims to attributes that IAM bindings then grant access to.",
    exampleName: "github-pool-prod",
  },
};

/** What a target's scope column holds for each cloud. */
export const scopeLabels: Record<Cloud, string> = {
  azure: "Tenant",
  aws: "Account",
  gcp: "Project",
};
