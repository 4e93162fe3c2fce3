import type { TSubjectSpec } from "@/lib/catalog/subjects/subject-spec";

// Workloads from the scenarios operators bring (CLOUDS.md §4): one GitHub
// repository deploying by environment, AKS and EKS service accounts, a
// Keycloak client, HCP Terraform plan and apply, a GitLab project.

export type DemoWorkload = {
  name: string;
  issuerName: string;
  team: string;
  description: string;
  subjectSpec: TSubjectSpec;
};

const payments = { kind: "github", owner: "contoso", repo: "payments-api" } as const;

export const demoWorkloads: DemoWorkload[] = [
  {
    name: "payments-api · production",
    issuerName: "GitHub Actions",
    team: "payments",
    description: "Deploy job gated by the production environment's reviewers.",
    subjectSpec: { ...payments, trigger: "environment", name: "production" },
  },
  {
    name: "payments-api · staging",
    issuerName: "GitHub Actions",
    team: "payments",
    description: "",
    subjectSpec: { ...payments, trigger: "environment", name: "staging" },
  },
  {
    name: "payments-api · main",
    issuerName: "GitHub Actions",
    team: "payments",
    description: "Every push to main.",
    subjectSpec: { ...payments, trigger: "branch", name: "main" },
  },
  {
    name: "payments-api · pull requests",
    issuerName: "GitHub Actions",
    team: "payments",
    description: "Pull-request checks.",
    subjectSpec: { ...payments, trigger: "pull_request" },
  },
  {
    name: "payments-api · main (immutable)",
    issuerName: "GitHub Actions",
    team: "payments",
    description: "The same repository under GitHub's immutable subject.",
    subjectSpec: {
      ...payments,
      trigger: "branch",
      name: "main",
      immutable: { ownerId: "5544123", repoId: "821093847" },
    },
  },
  {
    name: "web · releases",
    issuerName: "GitHub Actions",
    team: "web",
    description: "Release tags.",
    subjectSpec: { kind: "github", owner: "contoso", repo: "web", trigger: "tag", name: "v2.4.0" },
  },
  {
    name: "web · main",
    issuerName: "GitHub Actions",
    team: "web",
    description: "",
    subjectSpec: { kind: "github", owner: "contoso", repo: "web", trigger: "branch", name: "main" },
  },
  {
    name: "infra · main",
    issuerName: "GitHub Actions",
    team: "platform",
    description: "Terraform applies from the infra repository.",
    subjectSpec: {
      kind: "github",
      owner: "contoso",
      repo: "infra",
      trigger: "branch",
      name: "main",
    },
  },
  {
    name: "aks · wkldid/sawkldid",
    issuerName: "AKS prod-westeurope",
    team: "platform",
    description: "The azure-workload-identity quick-start service account.",
    subjectSpec: { kind: "kubernetes", namespace: "wkldid", serviceAccount: "sawkldid" },
  },
  {
    name: "aks · data/ingest-worker",
    issuerName: "AKS prod-westeurope",
    team: "data",
    description: "",
    subjectSpec: { kind: "kubernetes", namespace: "data", serviceAccount: "ingest-worker" },
  },
  {
    name: "eks · billing/billing-api",
    issuerName: "EKS billing-eu",
    team: "billing",
    description: "",
    subjectSpec: { kind: "kubernetes", namespace: "billing", serviceAccount: "billing-api" },
  },
  {
    name: "keycloak · reporting-service",
    issuerName: "Keycloak platform realm",
    team: "data",
    description:
      "Client-credentials grant of the reporting-service client; sub is its service-account user id.",
    subjectSpec: { kind: "free", subject: "3f1c9a7e-5b2d-4c8e-9a6f-0d1e2f3a4b5c" },
  },
  {
    name: "tfc · network-prod plan",
    issuerName: "HCP Terraform",
    team: "platform",
    description: "",
    subjectSpec: {
      kind: "terraform",
      organization: "contoso",
      project: "Default Project",
      workspace: "network-prod",
      runPhase: "plan",
    },
  },
  {
    name: "tfc · network-prod apply",
    issuerName: "HCP Terraform",
    team: "platform",
    description: "",
    subjectSpec: {
      kind: "terraform",
      organization: "contoso",
      project: "Default Project",
      workspace: "network-prod",
      runPhase: "apply",
    },
  },
  {
    name: "gitlab · mobile/app main",
    issuerName: "GitLab.com",
    team: "mobile",
    description: "",
    subjectSpec: {
      kind: "gitlab",
      form: "project_path",
      projectPath: "contoso/mobile/app",
      refType: "branch",
      ref: "main",
    },
  },
];
