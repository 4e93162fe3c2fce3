// What the issuer form offers per kind: a prefilled URL where the issuer is
// fixed, otherwise the shape to follow. Shapes from CLOUDS.md §4.

export const issuerKinds = [
  "github-actions",
  "gitlab",
  "kubernetes-aks",
  "kubernetes-eks",
  "kubernetes-gke",
  "kubernetes-other",
  "terraform-cloud",
  "azure-devops",
  "circleci",
  "keycloak",
  "spire",
  "generic",
] as const;

export type IssuerKind = (typeof issuerKinds)[number];

export type IssuerKindTemplate = {
  label: string;
  /** Prefilled into an empty URL field: the issuer every tenant shares. */
  defaultUrl?: string;
  /** The shape to follow when each tenant has its own issuer. */
  shape: string;
  help: string;
};

export const issuerKindTemplates: Record<IssuerKind, IssuerKindTemplate> = {
  "github-actions": {
    label: "GitHub Actions",
    defaultUrl: "https://token.actions.githubusercontent.com",
    shape: "https://token.actions.githubusercontent.com",
    help: "No trailing slash. GHEC with a unique issuer adds /<enterprise-slug>; GHES uses https://HOST/_services/token.",
  },
  gitlab: {
    label: "GitLab CI",
    defaultUrl: "https://gitlab.com",
    shape: "https://gitlab.com",
    help: "The instance URL, no trailing slash; self-managed instances use their own host.",
  },
  "kubernetes-aks": {
    label: "Kubernetes (AKS)",
    shape: "https://<region>.oic.prod-aks.azure.com/<tenant-id>/<guid>/",
    help: "Copy it from `az aks show --query oidcIssuerProfile.issuerUrl`. It ends with a slash, and it changes when the cluster is rebuilt.",
  },
  "kubernetes-eks": {
    label: "Kubernetes (EKS)",
    shape: "https://oidc.eks.<region>.amazonaws.com/id/<ID>",
    help: "Copy it from `aws eks describe-cluster --query cluster.identity.oidc.issuer`; no trailing slash.",
  },
  "kubernetes-gke": {
    label: "Kubernetes (GKE)",
    shape:
      "https://container.googleapis.com/v1/projects/<project>/locations/<location>/clusters/<cluster>",
    help: "The cluster's --service-account-issuer.",
  },
  "kubernetes-other": {
    label: "Kubernetes (other)",
    shape: "https://<your-public-issuer>",
    help: "The API server's --service-account-issuer. The in-cluster default https://kubernetes.default.svc.cluster.local cannot federate: clouds must reach it.",
  },
  "terraform-cloud": {
    label: "HCP Terraform",
    defaultUrl: "https://app.terraform.io",
    shape: "https://app.terraform.io",
    help: "EU organisations use https://app.eu.terraform.io; Terraform Enterprise uses its own host.",
  },
  "azure-devops": {
    label: "Azure DevOps",
    shape: "https://login.microsoftonline.com/<tenant-id>/v2.0",
    help: "New service connections use the Entra issuer above; older ones https://vstoken.dev.azure.com/<organization-id>.",
  },
  circleci: {
    label: "CircleCI",
    shape: "https://oidc.circleci.com/org/<org-id>",
    help: "The organisation id is a UUID from Organization Settings.",
  },
  keycloak: {
    label: "Keycloak",
    shape: "https://<host>/realms/<realm>",
    help: "One issuer per realm, no trailing slash (Keycloak 17+ has no /auth prefix).",
  },
  spire: {
    label: "SPIFFE / SPIRE",
    shape: "https://<oidc-discovery-domain>",
    help: "The SPIRE OIDC Discovery Provider's domain. Entra needs RSA keys; SPIRE defaults to ES256.",
  },
  generic: {
    label: "Other OIDC issuer",
    shape: "https://<issuer>",
    help: "Exactly the `iss` claim your tokens carry.",
  },
};
