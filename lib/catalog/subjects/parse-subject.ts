import {
  buildSubject,
  ZSubjectSpec,
  type SubjectSpecKind,
  type TSubjectSpec,
} from "@/lib/catalog/subjects/subject-spec";

// The inverse of the subject builders, for import: a `sub` read from a cloud
// becomes the parts the workload form would have asked for. A parse counts
// only when the builder gives back the very same text, so the workload built
// from it predicts exactly the subject the cloud holds. Formats from
// CLOUDS.md §4 (GitHub https://docs.github.com/en/actions/reference/security/oidc,
// GitLab https://docs.gitlab.com/ci/secrets/id_token_authentication,
// Kubernetes service-account tokens, HCP Terraform workload identity).

type Candidate = Record<string, unknown> & { kind: SubjectSpecKind };

function githubCandidate(subject: string): Candidate | null {
  // Default template only: repo:OWNER/REPO:<context>. Custom include_claim_keys
  // templates are not guessed (their parts are ambiguous without the template).
  const match = /^repo:([^/:]+)\/([^/:]+):(.+)$/.exec(subject);
  if (!match) return null;
  const [, owner, repo, context = ""] = match;
  const decode = (value: string) => value.replaceAll("%3A", ":");
  const base = { kind: "github" as const, owner, repo };
  if (context === "pull_request") return { ...base, trigger: "pull_request" };
  const environment = /^environment:(.+)$/.exec(context);
  if (environment?.[1]) return { ...base, trigger: "environment", name: decode(environment[1]) };
  const ref = /^ref:refs\/(heads|tags)\/(.+)$/.exec(context);
  if (ref?.[2]) {
    return { ...base, trigger: ref[1] === "tags" ? "tag" : "branch", name: decode(ref[2]) };
  }
  return null;
}

function gitlabCandidate(subject: string): Candidate | null {
  // A project_id subject does not carry the project path the builder needs,
  // so only the project_path form is read.
  const match = /^project_path:([^:]+):ref_type:(branch|tag):ref:(.+)$/.exec(subject);
  if (!match) return null;
  const [, projectPath, refType, ref] = match;
  return { kind: "gitlab", form: "project_path", projectPath, refType, ref };
}

function kubernetesCandidate(subject: string): Candidate | null {
  const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject);
  return match ? { kind: "kubernetes", namespace: match[1], serviceAccount: match[2] } : null;
}

function terraformCandidate(subject: string): Candidate | null {
  const match =
    /^organization:([^:]+):project:([^:]+):workspace:([^:]+):run_phase:(plan|apply)$/.exec(subject);
  if (!match) return null;
  const [, organization, project, workspace, runPhase] = match;
  return { kind: "terraform", organization, project, workspace, runPhase };
}

const candidates: Record<SubjectSpecKind, (subject: string) => Candidate | null> = {
  github: githubCandidate,
  gitlab: gitlabCandidate,
  kubernetes: kubernetesCandidate,
  terraform: terraformCandidate,
  free: (subject) => ({ kind: "free", subject }),
};

/**
 * The subject spec of builder `kind` that builds exactly `subject`, or null
 * when the subject does not follow that builder's format.
 */
export function parseSubject(kind: SubjectSpecKind, subject: string): TSubjectSpec | null {
  const candidate = candidates[kind](subject);
  if (!candidate) return null;
  const parsed = ZSubjectSpec.safeParse(candidate);
  if (!parsed.success) return null;
  try {
    return buildSubject(parsed.data) === subject ? parsed.data : null;
  } catch {
    return null;
  }
}
