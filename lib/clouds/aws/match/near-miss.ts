import { githubSubjectHint as sharedGithubSubjectHint } from "@/lib/federation/github-subject";
// Why a value the cloud compared came close but did not match: letter case,
// a trailing slash, the GitHub subject's trigger kind (CLOUDS.md 4: the sub is
// environment > pull_request > ref) or its legacy vs immutable form
// (`repo:owner/repo:…` vs `repo:owner@id/repo@id:…`, CLOUDS.md 4).

/** A hint comparing a GitHub token's sub with the value a statement expects (a StringLike pattern when `like`), or undefined. */
export function githubSubjectHint(
  expected: string,
  actual: string,
  like: boolean,
): string | undefined {
  return sharedGithubSubjectHint(expected, actual, { trust: "the statement", pattern: like });
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
  // A lone candidate equal to the value scores its own length, never below 0.
  if (candidates.length === 1 && candidates[0] === actual) return actual;
  let best: string | undefined;
  let bestScore = -1;
  const b = actual.toLowerCase();
  for (const candidate of candidates) {
    const a = candidate.toLowerCase();
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
