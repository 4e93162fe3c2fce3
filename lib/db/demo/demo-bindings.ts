// Bindings of the demo estate, about thirty, in each cloud's own terms. A few
// are deliberately risky for the risk findings and the trust map: an AWS
// trust with no sub condition (it admits every catalogued GitHub workload),
// a GCP grant to the whole pool, an Azure FIC on pull_request, a repository
// pattern made for one workload that admits its siblings, and a case slip.

export type DemoBinding = { workload: string; target: string; spec: Record<string, unknown> };

const github = "https://token.actions.githubusercontent.com";
const aks =
  "https://westeurope.oic.prod-aks.azure.com/4c8a7f0e-2b1d-4e9a-9c3f-6d5e8b7a1c20/9b2e4d6f-1a3c-4e5b-8d7f-0c1e2a3b4c5d/";
const azureAudience = ["api://AzureADTokenExchange"];

function fic(
  workload: string,
  target: string,
  name: string,
  issuer: string,
  subject: string,
): DemoBinding {
  return {
    workload,
    target,
    spec: { cloud: "azure", name, issuer, audiences: azureAudience, subject },
  };
}

function statement(
  workload: string,
  target: string,
  sid: string,
  providerUrl: string,
  builder: {
    audiences?: string[];
    subjectOperator?: "StringEquals" | "StringLike";
    subjects: string[];
    extraConditions?: unknown[];
  },
): DemoBinding {
  return {
    workload,
    target,
    spec: {
      cloud: "aws",
      sid,
      providerUrl,
      mode: "builder",
      builder: {
        audiences: builder.audiences ?? ["sts.amazonaws.com"],
        subjectOperator: builder.subjectOperator ?? "StringEquals",
        subjects: builder.subjects,
        extraConditions: builder.extraConditions ?? [],
      },
    },
  };
}

function grant(
  workload: string,
  target: string,
  name: string,
  serviceAccountEmail: string,
  member: Record<string, string>,
): DemoBinding {
  return {
    workload,
    target,
    spec: {
      cloud: "gcp",
      name,
      serviceAccountEmail,
      role: "roles/iam.workloadIdentityUser",
      memberKind: "subject",
      ...member,
    },
  };
}

const prodSa = "deployer@contoso-prod.iam.gserviceaccount.com";

export const demoBindings: DemoBinding[] = [
  // Azure: a GitHub repository deploying to a managed identity by environment.
  fic(
    "payments-api · production",
    "uami-payments-prod",
    "payments-api-production",
    github,
    "repo:contoso/payments-api:environment:production",
  ),
  fic(
    "payments-api · staging",
    "uami-payments-prod",
    "payments-api-staging",
    github,
    "repo:contoso/payments-api:environment:staging",
  ),
  fic(
    "payments-api · main",
    "uami-payments-prod",
    "payments-api-main",
    github,
    "repo:contoso/payments-api:ref:refs/heads/main",
  ),
  fic(
    "payments-api · pull requests",
    "uami-payments-prod",
    "payments-api-pull-requests",
    github,
    "repo:contoso/payments-api:pull_request",
  ),
  fic(
    "payments-api · main (immutable)",
    "uami-payments-prod",
    "payments-api-main-immutable",
    github,
    "repo:contoso@5544123/payments-api@821093847:ref:refs/heads/main",
  ),
  // Azure: AKS service accounts on a managed identity (the issuer keeps its trailing slash).
  fic(
    "aks · wkldid/sawkldid",
    "uami-aks-wkldid",
    "aks-wkldid-sawkldid",
    aks,
    "system:serviceaccount:wkldid:sawkldid",
  ),
  fic(
    "aks · data/ingest-worker",
    "uami-aks-wkldid",
    "aks-data-ingest-worker",
    aks,
    "system:serviceaccount:data:ingest-worker",
  ),
  // Azure: an app registration used by several pipelines, one of them flexible.
  fic(
    "infra · main",
    "app-platform-deployer",
    "infra-main",
    github,
    "repo:contoso/infra:ref:refs/heads/main",
  ),
  fic(
    "tfc · network-prod apply",
    "app-platform-deployer",
    "tfc-network-prod-apply",
    "https://app.terraform.io",
    "organization:contoso:project:Default Project:workspace:network-prod:run_phase:apply",
  ),
  fic(
    "keycloak · reporting-service",
    "app-platform-deployer",
    "keycloak-reporting-service",
    "https://keycloak.example.com/realms/platform",
    "3f1c9a7e-5b2d-4c8e-9a6f-0d1e2f3a4b5c",
  ),
  fic(
    "gitlab · mobile/app main",
    "app-platform-deployer",
    "gitlab-mobile-app-main",
    "https://gitlab.com",
    "project_path:contoso/mobile/app:ref_type:branch:ref:main",
  ),
  {
    workload: "web · releases",
    target: "app-platform-deployer",
    spec: {
      cloud: "azure",
      name: "web-release-tags",
      issuer: github,
      audiences: azureAudience,
      claimsMatchingExpression: {
        value: "claims['sub'] matches 'repo:contoso/web:ref:refs/tags/v*'",
        languageVersion: 1,
      },
    },
  },
  // Azure: a declared trust broken by a case slip ("Web" for "web"): Entra
  // compares the subject case-sensitively (CLOUDS.md 1.3), so it admits nobody.
  fic(
    "web · main",
    "app-platform-deployer",
    "web-main",
    github,
    "repo:contoso/Web:ref:refs/heads/main",
  ),
  // AWS: a role trusting GitHub with repository-scoped conditions.
  statement("web · releases", "aws-web-deployer", "WebReleaseTags", github, {
    subjectOperator: "StringLike",
    subjects: ["repo:contoso/web:ref:refs/tags/v*"],
  }),
  statement("web · main", "aws-web-deployer", "WebMain", github, {
    subjects: ["repo:contoso/web:ref:refs/heads/main"],
  }),
  statement("payments-api · production", "aws-web-deployer", "PaymentsAnyRef", github, {
    subjectOperator: "StringLike",
    subjects: ["repo:contoso/payments-api:*"],
  }),
  statement("infra · main", "aws-web-deployer", "InfraDeployWorkflow", github, {
    subjects: ["repo:contoso/infra:ref:refs/heads/main"],
    extraConditions: [
      {
        operator: "StringEquals",
        claim: "job_workflow_ref",
        values: ["contoso/infra/.github/workflows/deploy.yml@refs/heads/main"],
      },
    ],
  }),
  // AWS: the classic mistake, a GitHub trust with no sub condition (CLOUDS.md 5.1).
  statement("infra · main", "aws-legacy-ci", "AnyGithubRepository", github, { subjects: [] }),
  statement(
    "eks · billing/billing-api",
    "aws-billing-eks",
    "BillingApi",
    "https://oidc.eks.eu-west-1.amazonaws.com/id/6A2B9F0C1D3E4F5A6B7C8D9E0F1A2B3C",
    { subjects: ["system:serviceaccount:billing:billing-api"] },
  ),
  statement(
    "tfc · network-prod apply",
    "aws-tfc-network",
    "NetworkApply",
    "https://app.terraform.io",
    {
      audiences: ["aws.workload.identity"],
      subjects: [
        "organization:contoso:project:Default Project:workspace:network-prod:run_phase:apply",
      ],
    },
  ),
  statement(
    "tfc · network-prod plan",
    "aws-tfc-network",
    "NetworkPlan",
    "https://app.terraform.io",
    {
      audiences: ["aws.workload.identity"],
      subjects: [
        "organization:contoso:project:Default Project:workspace:network-prod:run_phase:plan",
      ],
    },
  ),
  // GCP: a provider with an attribute condition and service accounts bound to principals.
  grant("payments-api · production", "gcp-github", "payments-production", prodSa, {}),
  grant("payments-api · main", "gcp-github", "payments-repository", prodSa, {
    memberKind: "attribute",
    attributeName: "repository",
    attributeValue: "contoso/payments-api",
  }),
  grant(
    "web · main",
    "gcp-github",
    "web-repository",
    "web-deployer@contoso-prod.iam.gserviceaccount.com",
    { memberKind: "attribute", attributeName: "repository", attributeValue: "contoso/web" },
  ),
  grant(
    "infra · main",
    "gcp-github",
    "infra-main",
    "terraform@contoso-prod.iam.gserviceaccount.com",
    {},
  ),
  // GCP: the whole pool may impersonate (CLOUDS.md 5.5).
  grant(
    "web · releases",
    "gcp-github",
    "everyone-in-pool",
    "legacy-builder@contoso-prod.iam.gserviceaccount.com",
    { memberKind: "pool" },
  ),
  grant(
    "gitlab · mobile/app main",
    "gcp-gitlab",
    "mobile-app-main",
    "mobile-ci@contoso-prod.iam.gserviceaccount.com",
    {},
  ),
  grant(
    "tfc · network-prod apply",
    "gcp-terraform",
    "network-apply",
    "terraform@contoso-prod.iam.gserviceaccount.com",
    {},
  ),
  grant(
    "tfc · network-prod plan",
    "gcp-terraform",
    "network-plan",
    "terraform-plan@contoso-prod.iam.gserviceaccount.com",
    {},
  ),
];
