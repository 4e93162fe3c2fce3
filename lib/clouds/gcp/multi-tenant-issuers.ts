import { boundedMemo } from "@/lib/bounded-memo";
import { celStringLiteral } from "@/lib/clouds/gcp/cel";
import { issuerTenancyOf } from "@/lib/federation/multi-tenant-issuers";

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
  /** Who can obtain tokens from the issuer, e.g. "any GitHub Actions organization". */
  anyTenant: string;
  /** Who shares the issuer, e.g. "every tenant". */
  sharedBy: string;
  /**
   * Whether CLOUDS.md 3.4's refusal of condition-less providers is known to
   * apply: the reports cover the SaaS-wide issuers, not a GHEC enterprise's.
   */
  isConditionRequired: boolean;
};

function saas(
  label: string,
  scope: string,
  exampleCondition: (tenant: string) => string,
): MultiTenantIssuer {
  return {
    label,
    scope,
    exampleCondition,
    anyTenant: `any ${label} ${scope}`,
    sharedBy: "every tenant",
    isConditionRequired: true,
  };
}

const github = saas(
  "GitHub Actions",
  "organization",
  (owner) => `assertion.repository_owner == ${celStringLiteral(owner)}`,
);

// startsWith('group') alone would also admit 'group-evil'.
const gitlab = saas(
  "GitLab.com",
  "group",
  (group) =>
    `assertion.namespace_path == ${celStringLiteral(group)} || assertion.namespace_path.startsWith(${celStringLiteral(`${group}/`)})`,
);

// The sub leads with the organization name (CLOUDS.md §4).
const terraform = saas(
  "HCP Terraform",
  "organization",
  (organization) =>
    `assertion.sub.startsWith(${celStringLiteral(`organization:${organization}:`)})`,
);

export const multiTenantIssuers = { github, gitlab, terraform };

/**
 * A GHEC enterprise's unique issuer (CLOUDS.md §4 GitHub Actions) signs
 * tokens only for that enterprise's organizations.
 */
function githubEnterprise(slug: string): MultiTenantIssuer {
  return {
    ...github,
    label: `GitHub Actions (enterprise ${slug})`,
    anyTenant: `any organization of GitHub enterprise ${slug}`,
    sharedBy: `every organization of GitHub enterprise ${slug}`,
    isConditionRequired: false,
  };
}

/** The shared SaaS issuer behind this URL, or null for a tenant's own issuer. */
export function multiTenantIssuer(issuerUri: string): MultiTenantIssuer | null {
  return sharedIssuers(issuerUri, () => readIssuer(issuerUri));
}

// Asked on every evaluation, of the few issuer URLs a catalogue holds.
const sharedIssuers = boundedMemo<MultiTenantIssuer | null>(500);

function readIssuer(issuerUri: string): MultiTenantIssuer | null {
  const tenancy = issuerTenancyOf(issuerUri);
  if (!tenancy) return null;
  if (tenancy.enterprise !== undefined) return githubEnterprise(tenancy.enterprise);
  return multiTenantIssuers[tenancy.issuer];
}
