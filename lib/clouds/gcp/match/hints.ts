// Near-miss explanations for two strings a cloud compares exactly: case,
// trailing slash, whitespace, and the GitHub subject shapes of CLOUDS.md §4
// (environment > pull_request > ref precedence; legacy vs immutable
// `repo:owner@id/repo@id:` form).

type GithubSubject = {
  repo: string;
  kind: "pull_request" | "branch" | "tag" | "environment" | "other";
  name: string;
};

function readGithubSubject(sub: string): GithubSubject | null {
  const match = /^repo:([^:]+):(.*)$/.exec(sub);
  if (!match) return null;
  const [, repo = "", rest = ""] = match;
  if (rest === "pull_request") return { repo, kind: "pull_request", name: "" };
  const ref = /^ref:refs\/(heads|tags)\/(.+)$/.exec(rest);
  if (ref) return { repo, kind: ref[1] === "heads" ? "branch" : "tag", name: ref[2] ?? "" };
  const environment = /^environment:(.+)$/.exec(rest);
  if (environment) return { repo, kind: "environment", name: environment[1] ?? "" };
  return { repo, kind: "other", name: rest };
}

function describe(subject: GithubSubject): string {
  switch (subject.kind) {
    case "pull_request":
      return "a pull_request run";
    case "branch":
      return `branch ${subject.name}`;
    case "tag":
      return `tag ${subject.name}`;
    case "environment":
      return `environment ${subject.name}`;
    default:
      return `a custom subject (${subject.name})`;
  }
}

const withoutIds = (repo: string) => repo.replace(/@\d+/g, "");

function githubSubjectHint(expected: string, actual: string): string | undefined {
  const want = readGithubSubject(expected);
  const got = readGithubSubject(actual);
  if (!want || !got) return undefined;
  if (want.repo !== got.repo && withoutIds(want.repo) === withoutIds(got.repo)) {
    return got.repo.includes("@")
      ? "The token uses GitHub's immutable subject (repo:owner@id/repo@id:…) but the binding expects the legacy repo:owner/repo:… form; update the binding (CLOUDS.md §4, immutable subjects)."
      : "The binding expects GitHub's immutable subject (repo:owner@id/repo@id:…) but the token carries the legacy repo:owner/repo:… form; the repository has not opted in (CLOUDS.md §4).";
  }
  if (want.repo.toLowerCase() !== got.repo.toLowerCase()) return undefined;
  if (want.kind === got.kind && want.name === got.name) return undefined;
  const precedence = "GitHub's sub is environment > pull_request > ref (CLOUDS.md §4).";
  if (got.kind === "pull_request" && want.kind !== "pull_request") {
    return `The token came from a pull_request event (sub ends in :pull_request), but the binding expects ${describe(want)}. ${precedence}`;
  }
  if (got.kind === "environment" && want.kind !== "environment") {
    return `The job references environment ${got.name}, so GitHub put environment:${got.name} in sub instead of ${describe(want)}. ${precedence}`;
  }
  if (want.kind === "environment" && got.kind !== "environment") {
    return `The binding expects environment ${want.name}, but the token came from ${describe(got)}: the job does not reference that environment. ${precedence}`;
  }
  if (want.kind === got.kind && want.name.toLowerCase() === got.name.toLowerCase()) {
    return `The ${want.kind} name differs only by case (${got.name} vs ${want.name}); the comparison is case-sensitive.`;
  }
  return `The token came from ${describe(got)}; the binding expects ${describe(want)}.`;
}

/**
 * Why `actual` misses `expected` when the difference is a common slip; `what`
 * names the value (e.g. "The issuer").
 */
export function nearMissHint(expected: string, actual: string, what: string): string | undefined {
  if (expected === actual) return undefined;
  const github = githubSubjectHint(expected, actual);
  if (github) return github;
  if (expected.toLowerCase() === actual.toLowerCase()) {
    return `${what} differs only by case (${actual} vs ${expected}); the comparison is case-sensitive.`;
  }
  const slash = (text: string) => text.replace(/\/+$/, "");
  if (slash(expected) === slash(actual)) {
    return `${what} differs only by a trailing slash (${actual} vs ${expected}); the comparison is exact.`;
  }
  if (expected.trim() === actual.trim()) {
    return `${what} differs only by leading or trailing whitespace.`;
  }
  return undefined;
}
