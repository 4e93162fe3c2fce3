import { describe, expect, it } from "vitest";
import { broadSubjectPatternReason, matchesWildcard } from "@/lib/federation/wildcard";

// `*` = any run (crossing '/'), `?` = exactly one character, case-sensitive:
// flexible FIC `matches` (CLOUDS.md 1.6) and IAM StringLike (CLOUDS.md 2.5).

describe("matchesWildcard", () => {
  it.each<[pattern: string, value: string, expected: boolean]>([
    ["*", "", true],
    ["*", "repo:contoso/api:ref:refs/heads/main", true],
    ["repo:contoso/*", "repo:contoso/api:ref:refs/heads/main", true],
    ["repo:contoso/api:ref:refs/heads/*", "repo:contoso/api:ref:refs/heads/feature/x", true],
    ["repo:contoso/api:environment:*", "repo:contoso/api:pull_request", false],
    ["*:environment:prod", "repo:contoso/api:environment:prod", true],
    ["*:environment:prod", "repo:contoso/api:environment:production", false],
    // CLOUDS.md 2.5: repo:octo-org/* does not match repo:Octo-Org/…
    ["repo:octo-org/*", "repo:Octo-Org/app:ref:refs/heads/main", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a?c", "abbc", false],
    ["?", "😀", true],
    // One character is one code point, however the value is spelled.
    ["??", "😀", false],
    ["a?c", "a😀c", true],
    ["a??c", "a😀c", false],
    ["repo:*😀", "repo:x😀", true],
    ["?", "\uD800", true],
    ["a?b", "a\uDC00b", true],
    ["é?", "éa", true],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXbYY", false],
    ["abc", "abc", true],
    ["abc", "abcd", false],
    ["", "", true],
    ["", "a", false],
    ["**", "anything", true],
    ["a*", "a", true],
  ])("matches %j against %j: %s", (pattern, value, expected) => {
    expect(matchesWildcard(pattern, value)).toBe(expected);
  });

  it("rejects a near miss of a many-star pattern without exploding", () => {
    expect(matchesWildcard("a*a*a*a*a*a*a*a*b", "a".repeat(200))).toBe(false);
  });
});

describe("broadSubjectPatternReason", () => {
  it.each([
    ["a lone star", "*", "matches every subject this issuer signs"],
    [
      "a leading star (CLOUDS.md 5.2's *:*)",
      "*:*",
      "starts with '*', so subjects of any repository, project or tenant of this issuer match",
    ],
    [
      "every repository of an org (CLOUDS.md 5.2 repo:org/*)",
      "repo:contoso/*",
      "matches every repository of contoso whose name fits, including ones created later",
    ],
    [
      "a repository prefix",
      "repo:contoso/payments-*:environment:prod",
      "matches every repository of contoso whose name fits, including ones created later",
    ],
    [
      "a wildcard owner",
      "repo:conto*/api:ref:refs/heads/main",
      "puts a wildcard in the owner, so a repository of another owner can match",
    ],
    [
      "every run of one repository (CLOUDS.md 5.2 repo:org/repo:*)",
      "repo:contoso/api:*",
      "matches every branch, tag, environment and pull-request run of the repository",
    ],
    [
      "every project of a GitLab group",
      "project_path:platform/*:ref_type:branch:ref:main",
      "matches every project of platform whose name fits, including ones created later",
    ],
    [
      "both Terraform run phases (CLOUDS.md 5.10)",
      "organization:contoso:project:Default Project:workspace:prod:run_phase:*",
      "covers plan runs, which a pull request can start, with apply-time access; trust plan and apply separately",
    ],
  ])("flags %s", (_label, pattern, reason) => {
    expect(broadSubjectPatternReason(pattern)).toBe(reason);
  });

  it.each([
    ["an exact subject", "repo:contoso/api:environment:prod"],
    ["a branch wildcard inside one repository", "repo:contoso/api:ref:refs/heads/release/*"],
    ["an environment wildcard inside one repository", "repo:contoso/api:environment:*"],
    ["a service-account wildcard in one namespace", "system:serviceaccount:payments:*"],
    ["one Terraform phase", "organization:contoso:project:p:workspace:prod:run_phase:apply"],
  ])("leaves %s alone", (_label, pattern) => {
    expect(broadSubjectPatternReason(pattern)).toBeUndefined();
  });
});
