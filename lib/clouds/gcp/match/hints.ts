import { githubSubjectHint } from "@/lib/federation/github-subject";

// Near-miss explanations for two strings a cloud compares exactly: case,
// trailing slash, whitespace, and the GitHub subject shapes of CLOUDS.md §4
// (environment > pull_request > ref precedence; legacy vs immutable
// `repo:owner@id/repo@id:` form).

/**
 * Why `actual` misses `expected` when the difference is a common slip; `what`
 * names the value (e.g. "The issuer").
 */
export function nearMissHint(expected: string, actual: string, what: string): string | undefined {
  if (expected === actual) return undefined;
  const github = githubSubjectHint(expected, actual, { trust: "the binding" });
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
