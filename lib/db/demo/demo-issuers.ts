import type { TIssuerCreateInput } from "@/lib/schemas/issuer";

// Issuers from the scenarios operators bring to Fedlens (CLOUDS.md §4).
export const demoIssuers: TIssuerCreateInput[] = [
  {
    name: "GitHub Actions",
    issuerUrl: "https://token.actions.githubusercontent.com",
    kind: "github-actions",
    notes: "Shared by every github.com repository; no trailing slash.",
  },
  {
    name: "AKS prod-westeurope",
    issuerUrl:
      "https://westeurope.oic.prod-aks.azure.com/4c8a7f0e-2b1d-4e9a-9c3f-6d5e8b7a1c20/9b2e4d6f-1a3c-4e5b-8d7f-0c1e2a3b4c5d/",
    kind: "kubernetes-aks",
    notes: "AKS issuers end with a slash; a FIC without it fails with AADSTS70021.",
  },
  {
    name: "Keycloak platform realm",
    issuerUrl: "https://keycloak.example.com/realms/platform",
    kind: "keycloak",
    notes: "Client-credentials tokens for internal services.",
  },
  {
    name: "HCP Terraform",
    issuerUrl: "https://app.terraform.io",
    kind: "terraform-cloud",
    notes: "Dynamic provider credentials for plan and apply runs.",
  },
  {
    name: "GitLab.com",
    issuerUrl: "https://gitlab.com",
    kind: "gitlab",
    notes: "ID tokens from gitlab.com CI jobs.",
  },
  {
    name: "EKS billing-eu",
    issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/6A2B9F0C1D3E4F5A6B7C8D9E0F1A2B3C",
    kind: "kubernetes-eks",
    notes: "The billing cluster's service-account issuer.",
  },
];
