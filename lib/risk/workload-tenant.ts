import { ZGithubSubjectSpec } from "@/lib/catalog/subjects/github";
import { ZTerraformSubjectSpec } from "@/lib/catalog/subjects/terraform";

// The tenant of a shared issuer a workload belongs to: its GitHub owner or
// HCP Terraform organisation, the scope Google asks a provider's attribute
// condition to pin (CLOUDS.md 3.4). Null for other issuers.

export function tenantOf(subjectSpec: unknown): string | null {
  const github = ZGithubSubjectSpec.safeParse(subjectSpec);
  if (github.success) return github.data.owner;
  const terraform = ZTerraformSubjectSpec.safeParse(subjectSpec);
  if (terraform.success) return terraform.data.organization;
  return null;
}
