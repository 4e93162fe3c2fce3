import { describe, it } from "vitest";
import { runCase, type EvaluatorCase } from "./cases";
import { member, policy, poolPath, subjectMember } from "./fixtures";

// Service-account policy members that cannot match the token's principal:
// whitespace, principal-type slips and which member's hint is shown
// (CLOUDS.md 3.1, 3.3, 3.7).
const cases: EvaluatorCase[] = [
  {
    name: "refuses a principal:// subject with a trailing space, naming the whitespace",
    source: "CLOUDS.md 3.7 (principal identifiers are compared exactly)",
    binding: policy([subjectMember("repo:octo-org/octo-repo:ref:refs/heads/main ")]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /leading or trailing whitespace/,
    },
  },
  {
    name: "accepts Service Account Token Creator but marks it inferred",
    source: "CLOUDS.md 3.7 (documents roles/iam.workloadIdentityUser only) [inferred]",
    binding: policy(
      [member("attribute.repository/octo-org/octo-repo")],
      "roles/iam.serviceAccountTokenCreator",
    ),
    expected: {
      accepted: true,
      check: "principal",
      hint: /^\[inferred\].*workloadIdentityUser/,
      caveats: /serviceAccountTokenCreator holds iam\.serviceAccounts\.getAccessToken/,
    },
  },
  {
    name: "hints from a member of this pool before one of another pool listed first",
    source: "CLOUDS.md 3.7 (principal identifiers name the pool)",
    binding: policy([
      member("*").replace("github-pool", "other-pool"),
      member("attribute.repository/Octo-Org/octo-repo"),
    ]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /only by case/,
    },
  },
  {
    name: "hints that an attribute under principal:// needs principalSet://",
    source: "CLOUDS.md 3.7 (principal:// is …/subject/; attributes are principalSet://)",
    binding: policy([
      `principal://iam.googleapis.com/${poolPath}/attribute.repository/octo-org/octo-repo`,
    ]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /principalSet:\/\/…\/attribute.NAME\/VALUE/,
    },
  },
  {
    name: "hints that a subject under principalSet:// needs principal://",
    source: "CLOUDS.md 3.7 (a single subject is principal://…/subject/)",
    binding: policy([member("subject/repo:octo-org/octo-repo:ref:refs/heads/main")]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /single subject is principal:\/\//,
    },
  },
  {
    name: "hints that the whole pool is principalSet://…/*, not principal://…/*",
    source: "CLOUDS.md 3.7 (everyone in the pool: principalSet://…/*)",
    binding: policy([`principal://iam.googleapis.com/${poolPath}/*`]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /whole pool is principalSet:\/\/…\/\*/,
    },
  },
  {
    name: "hints that an attribute name with capitals can never be mapped",
    source: "CLOUDS.md 3.3 (attribute names use [a-z0-9_])",
    binding: policy([member("attribute.Repository/octo-org/octo-repo")]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /\[a-z0-9_\].*provider maps attribute.repository/,
    },
  },
  {
    name: "hints that workload identity pools live only in location global",
    source: "CLOUDS.md 3.1 (the only location is global)",
    binding: policy([member("*").replace("locations/global", "locations/us")]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /location "us".*only in location global/,
    },
  },
];

describe("evaluateGcp: service-account policy members", () => {
  it.each(cases.map((row) => [`${row.name} [${row.source}]`, row] as const))("%s", (_name, row) => {
    runCase(row);
  });
});
