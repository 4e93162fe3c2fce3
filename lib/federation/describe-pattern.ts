import { hasWildcard } from "@/lib/federation/wildcard";

// What a subject pattern admits, in the words of the `sub` formats of
// CLOUDS.md §4 (GitHub repo:OWNER/REPO:…, GitLab project_path:GROUP/PROJECT:…,
// Kubernetes system:serviceaccount:NS:NAME, HCP Terraform
// organization:ORG:…:run_phase:…). The risk each shape carries is CLOUDS.md 5.2, 5.10.

const onlyWild = /^[*?]+$/;

/** The literal text before the first wildcard: every subject the pattern admits starts with it. */
export function literalPrefix(pattern: string): string {
  const index = pattern.search(/[*?]/);
  return index < 0 ? pattern : pattern.slice(0, index);
}

function ownerScoped(pattern: string, kind: "repo" | "project_path"): string | undefined {
  const match = new RegExp(`^${kind}:([^:*?]+)/(.*)$`).exec(pattern);
  if (!match) return undefined;
  const [, owner = "", rest = ""] = match;
  const what = kind === "repo" ? "repository" : "project";
  if (onlyWild.test(rest)) return `any ${what} of ${owner}`;
  const name = /^([^:*?]+):(.*)$/.exec(rest);
  if (name && onlyWild.test(name[2] ?? "")) {
    return kind === "repo"
      ? `any branch, tag, environment or pull request of ${owner}/${name[1]}`
      : `any branch or tag of ${owner}/${name[1]}`;
  }
  if (!rest.includes(":") && hasWildcard(rest))
    return `any ${what} of ${owner} named like "${rest}"`;
  return undefined;
}

/** What the pattern admits, completing "admits …". */
export function describeSubjectPattern(pattern: string, issuerLabel: string): string {
  if (onlyWild.test(pattern)) return `any identity of ${issuerLabel}`;
  const scoped = ownerScoped(pattern, "repo") ?? ownerScoped(pattern, "project_path");
  if (scoped) return scoped;
  const namespace = /^system:serviceaccount:([^:*?]+):[*?]+$/.exec(pattern);
  if (namespace) return `any service account in namespace ${namespace[1]}`;
  if (/^system:serviceaccount:[*?]+$/.test(pattern)) return `any service account of ${issuerLabel}`;
  const organization = /^organization:([^:*?]+):[*?]+$/.exec(pattern);
  if (organization) return `any workspace of ${organization[1]}`;
  if (/:run_phase:\*$/.test(pattern)) return `plan and apply runs of "${pattern.slice(0, -12)}"`;
  return `any subject matching "${pattern}"`;
}
