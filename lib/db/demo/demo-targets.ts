import type { TTargetCreateInput } from "@/lib/schemas/target";

// Targets in the demo estate: made-up tenants, accounts and projects in the
// shapes the clouds use (CLOUDS.md 1.1, 2.1, 3.1).

const tenant = "4c8a7f0e-2b1d-4e9a-9c3f-6d5e8b7a1c20";
const subscription = "0b6f9d2e-7c41-4a8e-9f3b-2d5c6e7a8b90";
const github = "https://token.actions.githubusercontent.com";

export const demoTargets: TTargetCreateInput[] = [
  {
    name: "uami-payments-prod",
    kind: "azure-uami",
    config: {
      tenantId: tenant,
      subscriptionId: subscription,
      resourceGroup: "rg-payments-prod",
      identityName: "id-payments-prod",
      clientId: "6e1f3a2b-9c8d-4e7f-a0b1-c2d3e4f5a6b7",
      principalId: "7f2a4b3c-0d9e-4f8a-b1c2-d3e4f5a6b7c8",
    },
  },
  {
    name: "uami-aks-wkldid",
    kind: "azure-uami",
    config: {
      tenantId: tenant,
      subscriptionId: subscription,
      resourceGroup: "rg-aks-prod",
      identityName: "id-wkldid",
      clientId: "8a3b5c4d-1e0f-4a9b-c2d3-e4f5a6b7c8d9",
      principalId: "9b4c6d5e-2f1a-4b0c-d3e4-f5a6b7c8d9e0",
    },
  },
  {
    name: "app-platform-deployer",
    kind: "azure-app",
    config: {
      tenantId: tenant,
      applicationObjectId: "a1c7d6e5-3b2c-4d1e-e4f5-a6b7c8d9e0f1",
      clientId: "b2d8e7f6-4c3d-4e2f-f5a6-b7c8d9e0f1a2",
      displayName: "platform-deployer",
    },
  },
  {
    name: "aws-web-deployer",
    kind: "aws-role",
    config: {
      accountId: "123456789012",
      roleName: "gh-web-deployer",
      path: "/deploy/",
      oidcProviders: [{ url: github, clientIds: ["sts.amazonaws.com"], thumbprints: [] }],
    },
  },
  {
    name: "aws-legacy-ci",
    kind: "aws-role",
    config: {
      accountId: "123456789012",
      roleName: "legacy-ci",
      path: "/",
      oidcProviders: [{ url: github, clientIds: ["sts.amazonaws.com"], thumbprints: [] }],
    },
  },
  {
    name: "aws-billing-eks",
    kind: "aws-role",
    config: {
      accountId: "210987654321",
      roleName: "billing-api",
      path: "/",
      oidcProviders: [
        {
          url: "https://oidc.eks.eu-west-1.amazonaws.com/id/6A2B9F0C1D3E4F5A6B7C8D9E0F1A2B3C",
          clientIds: ["sts.amazonaws.com"],
          thumbprints: [],
        },
      ],
    },
  },
  {
    name: "aws-tfc-network",
    kind: "aws-role",
    config: {
      accountId: "123456789012",
      roleName: "tfc-network",
      path: "/",
      oidcProviders: [
        { url: "https://app.terraform.io", clientIds: ["aws.workload.identity"], thumbprints: [] },
      ],
    },
  },
  {
    name: "gcp-github",
    kind: "gcp-provider",
    config: {
      projectNumber: "482915736104",
      poolId: "github-pool",
      providerId: "github-actions",
      displayName: "GitHub Actions",
      issuerUri: github,
      allowedAudiences: [],
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.repository": "assertion.repository",
        "attribute.repository_owner": "assertion.repository_owner",
      },
      attributeCondition: "assertion.repository_owner == 'contoso'",
      disabled: false,
      serviceAccountEmail: "deployer@contoso-prod.iam.gserviceaccount.com",
    },
  },
  {
    name: "gcp-gitlab",
    kind: "gcp-provider",
    config: {
      projectNumber: "482915736104",
      poolId: "gitlab-pool",
      providerId: "gitlab-com",
      issuerUri: "https://gitlab.com",
      allowedAudiences: ["https://gitlab.com"],
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.project_path": "assertion.project_path",
        "attribute.namespace_path": "assertion.namespace_path",
      },
      attributeCondition:
        "assertion.namespace_path == 'contoso' || assertion.namespace_path.startsWith('contoso/')",
      disabled: false,
      serviceAccountEmail: "mobile-ci@contoso-prod.iam.gserviceaccount.com",
    },
  },
  {
    name: "gcp-terraform",
    kind: "gcp-provider",
    config: {
      projectNumber: "482915736104",
      poolId: "tfc-pool",
      providerId: "hcp-terraform",
      issuerUri: "https://app.terraform.io",
      allowedAudiences: [],
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.terraform_run_phase": "assertion.terraform_run_phase",
      },
      attributeCondition: "assertion.sub.startsWith('organization:contoso:')",
      disabled: false,
      serviceAccountEmail: "terraform@contoso-prod.iam.gserviceaccount.com",
    },
  },
];
