import type { Finding } from "@/lib/catalog/findings";
import { ZGithubSubjectSpec } from "@/lib/catalog/subjects/github";
import { parseGithubSubject } from "@/lib/federation/github-subject";

// CLOUDS.md 5.7 (namespace recycling): a trust on repo:OWNER/REPO:… follows
// the name, which anyone can register once the repository is renamed or
// deleted. When the catalogue knows the workload's owner and repository ids,
// the immutable form repo:OWNER@ID/REPO@ID:… is available and safer.

type Workload = { name: string; subjectSpec: unknown };

/** The immutable `repo:OWNER@ID/REPO@ID` prefix, when the workload's spec knows its ids. */
export function immutableRepoClaim(
  subjectSpec: unknown,
): { repository: string; claim: string } | null {
  const parsed = ZGithubSubjectSpec.safeParse(subjectSpec);
  if (!parsed.success || !parsed.data.immutable) return null;
  const { owner, repo, immutable } = parsed.data;
  return {
    repository: `${owner}/${repo}`,
    claim: `repo:${owner}@${immutable.ownerId}/${repo}@${immutable.repoId}`,
  };
}

/** Rewrites a name-only GitHub subject to the immutable form (same context), or null. */
export function toImmutableSubject(subject: string, subjectSpec: unknown): string | null {
  const immutable = immutableRepoClaim(subjectSpec);
  const parsed = parseGithubSubject(subject);
  if (!immutable || !parsed || parsed.immutable) return null;
  if (parsed.repository.toLowerCase() !== immutable.repository.toLowerCase()) return null;
  return `${immutable.claim}:${parsed.contextText}`;
}

/** Warns for each trusted subject that names the workload's repository by its mutable name. */
export function mutableGithubSubjectFindings(
  path: string,
  subjects: string[],
  workload: Workload,
): Finding[] {
  return subjects.flatMap((subject) => {
    const immutable = toImmutableSubject(subject, workload.subjectSpec);
    if (!immutable) return [];
    return [
      {
        path,
        rule: "github-mutable-subject" as const,
        message: `${subject} trusts the repository by name, which can be registered again after a rename or deletion; ${workload.name}'s ids are known, so trust ${immutable} instead.`,
      },
    ];
  });
}
