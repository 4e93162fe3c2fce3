import { z } from "zod";

// HCP Terraform workload identity `sub` (CLOUDS.md §4 "Terraform Cloud / HCP
// Terraform", from HashiCorp's workload identity token docs):
// `organization:<org>:project:<project>:workspace:<ws>:run_phase:<plan|apply>`.
// The default project is literally "Default Project", with a space.

export const defaultTerraformProject = "Default Project";

// Organization and workspace names are letters, digits, '-' and '_'
// (HashiCorp's naming rules; workspaces up to 90 characters).
const ZTerraformName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,90}$/, "use up to 90 letters, digits, '-' or '_'");

// Project names may contain spaces (see the default). ':' is refused because
// HashiCorp does not escape it and the subject would become ambiguous.
const ZProjectName = z
  .string()
  .min(1, "is required")
  .max(90, "must be at most 90 characters")
  .refine((value) => value.trim() === value, "must not start or end with spaces")
  .refine((value) => !value.includes(":"), "must not contain ':'");

export const ZTerraformSubjectSpec = z
  .object({
    kind: z.literal("terraform"),
    organization: ZTerraformName,
    project: ZProjectName.default(defaultTerraformProject),
    workspace: ZTerraformName,
    runPhase: z.enum(["plan", "apply"], { message: "must be one of: plan, apply" }),
  })
  .strict();
export type TTerraformSubjectSpec = z.infer<typeof ZTerraformSubjectSpec>;

export function buildTerraformSubject(spec: TTerraformSubjectSpec): string {
  return `organization:${spec.organization}:project:${spec.project}:workspace:${spec.workspace}:run_phase:${spec.runPhase}`;
}
