// Why a value the cloud compared came close but did not match: letter case,
// a trailing slash, the GitHub subject's trigger kind (CLOUDS.md 4: the sub is
// environment > pull_request > ref) or its legacy vs immutable form
// (`repo:owner/repo:…` vs `repo:owner@id/repo@id:…`, CLOUDS.md 4).

export type GithubSubject = {
  owner: string;
  repo: string;
  immutable: boolean;
  kind: "environment" | "pull_request" | "branch" | "tag" | "other";
  detail: string;
};

function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function parseGithubSubject(sub: string): GithubSubject | undefined {
  const match = /^repo:([^/:]+)\/([^:]+):(.*)$/.exec(sub);
  if (!match) return undefined;
  const [, owner = "", repo = "", rest = ""] = match;
  const immutable = owner.includes("@") && repo.includes("@");
  if (rest.startsWith("environment:")) {
    return { owner, repo, immutable, kind: "environment", detail: rest.slice(12) };
  }
  if (rest === "pull_request") return { owner, repo, immutable, kind: "pull_request", detail: "" };
  if (rest.startsWith("ref:refs/heads/")) {
    return { owner, repo, immutable, kind: "branch", detail: rest.slice(15) };
  }
  if (rest.startsWith("ref:refs/tags/")) {
    return { owner, repo, immutable, kind: "tag", detail: rest.slice(14) };
  }
  return { owner, repo, immutable, kind: "other", detail: rest };
}

const withoutId = (name: string) => name.replace(/@[^/]*$/, "");

function describeKind(subject: GithubSubject): string {
  switch (subject.kind) {
    case "environment":
      return `the environment '${subject.detail}'`;
    case "pull_request":
      return "a pull_request event";
    case "branch":
      return `the branch '${subject.detail}'`;
    case "tag":
      return `the tag '${subject.detail}'`;
    default:
      return `a custom subject (${shorten(subject.detail, 40)})`;
  }
}

/** A hint comparing a GitHub token's sub with the value a trust expects, or undefined. */
export function githubSubjectHint(expected: string, actual: string): string | undefined {
  const want = parseGithubSubject(expected);
  const got = parseGithubSubject(actual);
  if (!want || !got) return undefined;
  const sameRepo =
    withoutId(want.owner).toLowerCase() === withoutId(got.owner).toLowerCase() &&
    withoutId(want.repo).toLowerCase() === withoutId(got.repo).toLowerCase();
  if (!sameRepo) return undefined;
  if (want.immutable !== got.immutable) {
    return got.immutable
      ? "The token carries GitHub's immutable subject (repo:owner@id/repo@id:…) but the trust names the legacy form (repo:owner/repo:…); write the @id form (CLOUDS.md 4, immutable subjects)."
      : "The trust names GitHub's immutable subject (repo:owner@id/repo@id:…) but the token carries the legacy form (repo:owner/repo:…); the repository has not opted in (CLOUDS.md 4, immutable subjects).";
  }
  if (want.kind !== got.kind && !(want.kind === "other" && /[*?]/.test(expected))) {
    const extra =
      got.kind === "pull_request"
        ? " A pull_request run's sub names no branch."
        : got.kind === "environment"
          ? " A job that references an environment gets an environment sub, whatever its branch."
          : "";
    return `The token came from ${describeKind(got)} (sub …:${shorten(actual.split(":").slice(2).join(":"), 50)}), but the trust expects ${describeKind(want)}.${extra} GitHub builds sub from the environment, else pull_request, else the ref (CLOUDS.md 4).`;
  }
  return undefined;
}

type Labels = { expected: string; actual: string };

/** Case, trailing-slash and scheme differences between two strings, as a sentence fragment, or undefined. */
export function textNearMiss(
  expected: string,
  actual: string,
  labels: Labels = { expected: "the expected value", actual: "the token's value" },
): string | undefined {
  if (expected === actual) return undefined;
  if (expected.toLowerCase() === actual.toLowerCase()) {
    return `${labels.actual} differs from ${labels.expected} only in letter case, and the comparison is case-sensitive`;
  }
  if (expected.replace(/\/+$/, "") === actual.replace(/\/+$/, "")) {
    return expected.endsWith("/")
      ? `${labels.expected} ends with '/' and ${labels.actual} does not`
      : `${labels.actual} ends with '/' and ${labels.expected} does not`;
  }
  if (expected.replace(/^http:/, "https:") === actual.replace(/^http:/, "https:")) {
    return `${labels.actual} differs from ${labels.expected} only in the scheme (http vs https)`;
  }
  return undefined;
}

/** The candidate that shares the longest prefix and suffix with `actual`: the one a diff helps most. */
export function nearestValue(candidates: string[], actual: string): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const candidate of candidates) {
    const a = candidate.toLowerCase();
    const b = actual.toLowerCase();
    let prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
    let suffix = 0;
    while (
      suffix < a.length - prefix &&
      suffix < b.length - prefix &&
      a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
    ) {
      suffix += 1;
    }
    const score = prefix + suffix - Math.abs(a.length - b.length) / 1000;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
