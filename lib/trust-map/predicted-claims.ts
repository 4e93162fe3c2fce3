import { githubRepository, type TGithubSubjectSpec } from "@/lib/catalog/subjects/github";
import type { TGitlabSubjectSpec } from "@/lib/catalog/subjects/gitlab";
import type { TKubernetesSubjectSpec } from "@/lib/catalog/subjects/kubernetes";
import type { TTerraformSubjectSpec } from "@/lib/catalog/subjects/terraform";
import { boundedMemo } from "@/lib/bounded-memo";
import type { ClaimPath } from "@/lib/trust-map/claim-path";

// The claims beside `sub` each issuer documents (CLOUDS.md §4), filled from
// the workload's subject spec where the spec determines them. A claim the
// issuer emits but the spec does not determine goes to `unknown`; a claim
// the token does not carry for this workload (GitHub's `environment` for a
// branch job) is simply absent.

export type KnownClaims = { claims: Record<string, unknown>; unknown: readonly ClaimPath[] };

// Every workload of a kind leaves the same few claims unknown, and the trust
// map keeps a prediction per workload: one shared, read-only list per set of
// names instead of a list of fresh arrays each (about 1 kB per GitHub
// workload). The names come from this file's lists, never from a spec.
const sharedPaths = boundedMemo<readonly ClaimPath[]>(256);
const paths = (names: string[]): readonly ClaimPath[] =>
  sharedPaths(names.join("\n"), () => Object.freeze(names.map((name) => [name])));

// GitHub's custom claims (CLOUDS.md §4, https://docs.github.com/en/actions/reference/security/oidc)
// that no subject spec determines.
const githubRunClaims = [
  "actor",
  "actor_id",
  "base_ref",
  "head_ref",
  "repository_visibility",
  "job_workflow_ref",
  "job_workflow_sha",
  "workflow",
  "workflow_ref",
  "workflow_sha",
  "run_id",
  "run_number",
  "run_attempt",
  "runner_environment",
  "enterprise",
  "enterprise_id",
  "repository_id",
  "repository_owner_id",
];

/** `ref` and `ref_type` as the trigger fixes them; an environment or pull-request job's ref is unknown. */
function githubRef(spec: TGithubSubjectSpec): Record<string, string> {
  if (spec.trigger === "branch")
    return { ref: `refs/heads/${spec.name ?? ""}`, ref_type: "branch" };
  if (spec.trigger === "tag") return { ref: `refs/tags/${spec.name ?? ""}`, ref_type: "tag" };
  return {};
}

export function githubClaims(spec: TGithubSubjectSpec): KnownClaims {
  const claims: Record<string, unknown> = {
    // A custom sub template's values are the claims' own values (include_claim_keys).
    ...Object.fromEntries(
      Object.entries(spec.claimValues ?? {}).filter(([key]) => key !== "repo" && key !== "context"),
    ),
    repository: githubRepository(spec),
    repository_owner: spec.owner,
    ...githubRef(spec),
    ...(spec.immutable
      ? { repository_owner_id: spec.immutable.ownerId, repository_id: spec.immutable.repoId }
      : {}),
  };
  // Precedence environment > pull_request > ref (CLOUDS.md §4): an
  // environment job carries its name, other jobs no environment claim.
  if (spec.trigger === "environment") claims.environment = spec.name ?? "";
  // A pull_request sub is made only for pull_request events; any other
  // trigger can come from push, workflow_dispatch, schedule and more.
  if (spec.trigger === "pull_request") claims.event_name = "pull_request";
  const unknown = [
    ...(spec.trigger === "environment" || spec.trigger === "pull_request"
      ? ["ref", "ref_type"]
      : []),
    ...(spec.trigger === "pull_request" ? [] : ["event_name"]),
    ...githubRunClaims,
  ].filter((name) => !(name in claims));
  return { claims, unknown: paths(unknown) };
}

// GitLab ID tokens (CLOUDS.md §4, https://docs.gitlab.com/ci/secrets/id_token_authentication).
export function gitlabClaims(spec: TGitlabSubjectSpec): KnownClaims {
  const namespace = spec.projectPath.slice(0, spec.projectPath.lastIndexOf("/"));
  const claims: Record<string, unknown> = {
    project_path: spec.projectPath,
    namespace_path: namespace,
    ref: spec.ref,
    ref_type: spec.refType,
    ...(spec.projectId ? { project_id: spec.projectId } : {}),
  };
  const unknown = [
    "environment",
    "namespace_id",
    "project_id",
    "ref_protected",
    "pipeline_source",
  ].filter((name) => !(name in claims));
  return { claims, unknown: paths(unknown) };
}

const kubernetesUnknown = Object.freeze([
  ["kubernetes.io", "serviceaccount", "uid"],
  ["kubernetes.io", "pod"],
]) satisfies readonly ClaimPath[];

// Kubernetes projected service-account tokens (CLOUDS.md §4, KEP-1205): the
// nested kubernetes.io claim; uids and the pod depend on the running objects.
export function kubernetesClaims(spec: TKubernetesSubjectSpec): KnownClaims {
  return {
    claims: {
      "kubernetes.io": { namespace: spec.namespace, serviceaccount: { name: spec.serviceAccount } },
    },
    unknown: kubernetesUnknown,
  };
}

// HCP Terraform workload identity tokens (CLOUDS.md §4, HashiCorp's
// workload identity token reference): names from the spec, ids unknown.
export function terraformClaims(spec: TTerraformSubjectSpec): KnownClaims {
  return {
    claims: {
      terraform_organization_name: spec.organization,
      terraform_project_name: spec.project,
      terraform_workspace_name: spec.workspace,
      terraform_run_phase: spec.runPhase,
    },
    unknown: paths([
      "terraform_organization_id",
      "terraform_project_id",
      "terraform_workspace_id",
      "terraform_run_id",
      "terraform_full_workspace",
    ]),
  };
}
