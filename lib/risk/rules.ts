import type { Cloud } from "@/lib/clouds/types";
import type { PublicSource } from "@/lib/federation/sources";
import type { RiskRuleId } from "@/lib/risk/rule-ids";

// The register's rules: severity, a title, and the public page each rests on
// (the CLOUDS.md section is kept for developers). The checks themselves live
// with the per-binding checks in lib/clouds and lib/catalog, which tag their
// warnings with these ids; nothing here re-implements a check.

export const severities = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof severities)[number];

export type RiskRule = {
  id: RiskRuleId;
  severity: Severity;
  title: string;
  /** The cloud the rule is about; null when it applies to any (issuer-side rules). */
  cloud: Cloud | null;
  /** For developers: the section of the shared cloud notes. Users see `source`. */
  section: string;
  source: PublicSource;
};

const githubOidc: PublicSource = {
  title: "GitHub: OpenID Connect reference",
  url: "https://docs.github.com/en/actions/reference/security/oidc",
};
const awsOidcRole: PublicSource = {
  title: "AWS: Create a role for OpenID Connect federation",
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
};
const awsOperators: PublicSource = {
  title: "AWS: IAM JSON policy elements: Condition operators",
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
};
const awsMultiValue: PublicSource = {
  title: "AWS: Set operators for multivalued context keys",
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
};
const gcpWif: PublicSource = {
  title: "Google Cloud: Configure workload identity federation with deployment pipelines",
  url: "https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines",
};
const gcpPrincipals: PublicSource = {
  title: "Google Cloud: Principal identifiers",
  url: "https://cloud.google.com/iam/docs/principal-identifiers",
};
const entraConsiderations: PublicSource = {
  title: "Microsoft Entra: Considerations and restrictions for federated identity credentials",
  url: "https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations",
};
const entraFlexible: PublicSource = {
  title: "Microsoft Entra: Flexible federated identity credentials",
  url: "https://learn.microsoft.com/en-us/entra/workload-id/workload-identities-flexible-federated-identity-credentials",
};
const entraMutable: PublicSource = {
  title: "Microsoft Entra: Federated credentials with mutable subjects",
  url: "https://learn.microsoft.com/en-us/entra/workload-id/workload-identities-federated-credential-mutable-subjects",
};
const terraformWif: PublicSource = {
  title: "HCP Terraform: Dynamic provider credentials",
  url: "https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials",
};
const oidcDiscovery: PublicSource = {
  title: "OpenID Connect Discovery 1.0",
  url: "https://openid.net/specs/openid-connect-discovery-1_0.html",
};

const rule = (
  id: RiskRuleId,
  severity: Severity,
  cloud: Cloud | null,
  title: string,
  section: string,
  source: PublicSource,
): RiskRule => ({ id, severity, cloud, title, section, source });

export const riskRules: Record<RiskRuleId, RiskRule> = {
  "aws-trust-no-sub": rule(
    "aws-trust-no-sub",
    "critical",
    "aws",
    "Role trust with no subject condition",
    "5.1, 5.11",
    githubOidc,
  ),
  "aws-sub-any-owner": rule(
    "aws-sub-any-owner",
    "critical",
    "aws",
    "Subject pattern open to any owner",
    "5.2",
    awsOidcRole,
  ),
  "aws-sub-owner-wide": rule(
    "aws-sub-owner-wide",
    "high",
    "aws",
    "Subject pattern covering a whole owner",
    "5.2",
    awsOidcRole,
  ),
  "aws-sub-any-context": rule(
    "aws-sub-any-context",
    "medium",
    "aws",
    "Subject pattern covering every branch and pull request",
    "5.2",
    githubOidc,
  ),
  "aws-stringlike-no-wildcard": rule(
    "aws-stringlike-no-wildcard",
    "low",
    "aws",
    "StringLike with no wildcard",
    "2.5",
    awsOperators,
  ),
  "aws-forallvalues-single-valued": rule(
    "aws-forallvalues-single-valued",
    "high",
    "aws",
    "ForAllValues on a single-valued key",
    "5.3",
    awsMultiValue,
  ),
  "aws-action-wildcard": rule(
    "aws-action-wildcard",
    "low",
    "aws",
    "Wildcard STS action",
    "2.2",
    awsOidcRole,
  ),
  "gcp-provider-no-condition": rule(
    "gcp-provider-no-condition",
    "critical",
    "gcp",
    "Provider without an attribute condition",
    "5.5, 3.4",
    gcpWif,
  ),
  "gcp-pool-wide-grant": rule(
    "gcp-pool-wide-grant",
    "high",
    "gcp",
    "Grant to the whole pool",
    "5.5",
    gcpPrincipals,
  ),
  "azure-fic-pull-request": rule(
    "azure-fic-pull-request",
    "high",
    "azure",
    "Federated credential on pull_request",
    "5.6",
    githubOidc,
  ),
  "azure-fic-branch": rule(
    "azure-fic-branch",
    "medium",
    "azure",
    "Federated credential on a branch",
    "5.6",
    githubOidc,
  ),
  "azure-flexible-broad": rule(
    "azure-flexible-broad",
    "high",
    "azure",
    "Flexible credential broader than one repository",
    "5.6, 1.6",
    entraFlexible,
  ),
  "azure-flexible-any-context": rule(
    "azure-flexible-any-context",
    "medium",
    "azure",
    "Flexible credential covering every branch and pull request",
    "5.2, 1.6",
    entraFlexible,
  ),
  "azure-fic-capacity": rule(
    "azure-fic-capacity",
    "medium",
    "azure",
    "Identity near its 20 federated credentials",
    "1.5",
    entraConsiderations,
  ),
  "tfc-run-phase-wildcard": rule(
    "tfc-run-phase-wildcard",
    "high",
    null,
    "HCP Terraform trust for every run phase",
    "5.10",
    terraformWif,
  ),
  "github-mutable-subject": rule(
    "github-mutable-subject",
    "medium",
    null,
    "Repository trusted by its mutable name",
    "5.7",
    entraMutable,
  ),
  "issuer-keys-unavailable": rule(
    "issuer-keys-unavailable",
    "high",
    null,
    "Issuer keys could not be fetched",
    "2.7, 3.5",
    oidcDiscovery,
  ),
  "trust-admits-other-workloads": rule(
    "trust-admits-other-workloads",
    "high",
    null,
    "Trust admits other catalogued workloads",
    "5.2",
    githubOidc,
  ),
  "trust-admits-nobody": rule(
    "trust-admits-nobody",
    "medium",
    null,
    "Declared trust admits nobody",
    "1.3, 2.5",
    entraConsiderations,
  ),
};

export const severityRank: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
