import { celStringLiteral } from "@/lib/clouds/gcp/cel";
import { sharedIssuerOf } from "@/lib/federation/multi-tenant-issuers";

// Issuers shared by every tenant of a SaaS. Since late 2024 Google refuses
// providers for them unless the attribute condition references the token's
// claims (CLOUDS.md 3.4; chainguard-dev/terraform-infra-common#672,
// GoogleCloudPlatform/magic-modules#11936).

export type MultiTenantIssuer = {
  label: string;
  /** Google's guidance: restrict at least to your organization or group. */
  scope: string;
  /** A condition that restricts the provider to one tenant. */
  exampleCondition: (tenant: string) => string;
};

const github: MultiTenantIssuer = {
  label: "GitHub Actions",
  scope: "organization",
  exampleCondition: (owner) => `assertion.repository_owner == ${celStringLiteral(owner)}`,
};

const gitlab: MultiTenantIssuer = {
  label: "GitLab.com",
  scope: "group",
  // startsWith('group') alone would also admit 'group-evil'.
  exampleCondition: (group) =>
    `assertion.namespace_path == ${celStringLiteral(group)} || assertion.namespace_path.startsWith(${celStringLiteral(`${group}/`)})`,
};

const terraform: MultiTenantIssuer = {
  label: "HCP Terraform",
  scope: "organization",
  // The sub leads with the organization name (CLOUDS.md §4).
  exampleCondition: (organization) =>
    `assertion.sub.startsWith(${celStringLiteral(`organization:${organization}:`)})`,
};

export const multiTenantIssuers = { github, gitlab, terraform };

/** The shared SaaS issuer behind this URL, or null for a tenant's own issuer. */
export function multiTenantIssuer(issuerUri: string): MultiTenantIssuer | null {
  const shared = sharedIssuerOf(issuerUri);
  return shared ? multiTenantIssuers[shared] : null;
}
