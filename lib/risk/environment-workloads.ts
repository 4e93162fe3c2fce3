import { ZGithubSubjectSpec } from "@/lib/catalog/subjects/github";

// Environment-pinned GitHub workloads of each repository, the narrower
// subject a branch or pull_request trust can move to (CLOUDS.md 5.6).

type Workload = { name: string; subject: string; subjectSpec: unknown; issuerUrl: string };

function repositoryKey(issuerUrl: string, subjectSpec: unknown): string | null {
  const parsed = ZGithubSubjectSpec.safeParse(subjectSpec);
  if (!parsed.success) return null;
  return `${issuerUrl}\n${parsed.data.owner}/${parsed.data.repo}`.toLowerCase();
}

/** For one workload: the environment workloads of its repository, by name. */
export function environmentWorkloadIndex(workloads: Workload[]) {
  const byRepository = new Map<string, { name: string; subject: string }[]>();
  for (const workload of workloads) {
    const parsed = ZGithubSubjectSpec.safeParse(workload.subjectSpec);
    const key = repositoryKey(workload.issuerUrl, workload.subjectSpec);
    if (!key || !parsed.success || parsed.data.trigger !== "environment") continue;
    byRepository.set(key, [
      ...(byRepository.get(key) ?? []),
      { name: workload.name, subject: workload.subject },
    ]);
  }
  for (const list of byRepository.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return (workload: Workload) => {
    const key = repositoryKey(workload.issuerUrl, workload.subjectSpec);
    return (key && byRepository.get(key)) || [];
  };
}
