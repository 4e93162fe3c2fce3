import { describe, it } from "vitest";
import { runCase, type EvaluatorCase } from "./cases";
import { githubClaims, member, policy, serviceAccount, subjectMember } from "./fixtures";

const conditionRejected = "The given credential is rejected by the attribute condition.";
const denied =
  "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).";
const longRef = `refs/heads/${"feature-".repeat(14)}x`;

// The attribute mapping and condition in CEL, then the service account's IAM
// policy (CLOUDS.md 3.3, 3.4, 3.7, 5.5).
const cases: EvaluatorCase[] = [
  {
    name: "refuses a google.subject over 127 bytes with Google's documented text",
    source: "CLOUDS.md 3.3 (GCP troubleshooting: 127-byte limit)",
    claims: githubClaims({ sub: `repo:octo-org/octo-repo:ref:${longRef}` }),
    expected: {
      accepted: false,
      check: "attributeMapping",
      code: "invalid_request",
      message: /^The size of mapped attribute google.subject exceeds the 127 bytes limit\./,
      hint: /extract\(\)/,
    },
  },
  {
    name: "accepts the same token once extract() shortens google.subject",
    source: "CLOUDS.md 3.3 (Google's fix: shorten with CEL extract())",
    claims: githubClaims({ sub: `repo:octo-org/octo-repo:ref:${longRef}` }),
    binding: {
      attributeMapping: {
        "google.subject": "assertion.sub.extract('repo:{repo}:ref:')",
        "attribute.repository": "assertion.repository",
        "attribute.repository_owner": "assertion.repository_owner",
      },
    },
    expected: { accepted: true },
  },
  {
    name: "refuses a google.subject mapped to a boolean",
    source: "google-github-actions/auth#378 (must be of type STRING)",
    binding: { attributeMapping: { "google.subject": "assertion.sub == 'x'" } },
    expected: {
      accepted: false,
      check: "attributeMapping",
      code: "unauthorized_client",
      message: "The mapped attribute 'google.subject' must be of type STRING.",
    },
  },
  {
    name: "refuses a token lacking the claim google.subject is mapped from",
    source: "CLOUDS.md 3.3 (google.subject is required)",
    binding: { attributeMapping: { "google.subject": "assertion.environment" } },
    expected: {
      accepted: false,
      check: "attributeMapping",
      code: "invalid_request",
      hint: /no environment claim/,
    },
  },
  {
    name: "refuses an owner that differs only by case, Google being case-sensitive",
    source:
      "CLOUDS.md 3.4 (auth TROUBLESHOOTING: comparisons are case-sensitive; circleci-docs#8541 text)",
    binding: { attributeCondition: "assertion.repository_owner == 'Octo-Org'" },
    expected: {
      accepted: false,
      check: "attributeCondition",
      code: "unauthorized_client",
      message: conditionRejected,
      hint: /assertion.repository_owner differs only by case/,
    },
  },
  {
    name: "refuses when the condition reads a claim the token lacks, naming the missing key",
    source: "CLOUDS.md 3.4 (a false or failing condition rejects)",
    binding: { attributeCondition: "assertion.environment == 'production'" },
    expected: {
      accepted: false,
      check: "attributeCondition",
      code: "unauthorized_client",
      hint: /assertion.environment is missing/,
    },
  },
  {
    name: "refuses when the condition reads an attribute the provider does not map",
    source: "CLOUDS.md 3.3 (a value must be mapped before a condition can use it)",
    binding: { attributeCondition: "attribute.environment == 'production'" },
    expected: {
      accepted: false,
      check: "attributeCondition",
      code: "unauthorized_client",
      hint: /attribute.environment is not mapped/,
    },
  },
  {
    name: "refuses a pull_request token against a branch-pinned condition with the pull_request hint",
    source: "CLOUDS.md §4 GitHub Actions (environment > pull_request > ref) and 3.4",
    claims: githubClaims({
      sub: "repo:octo-org/octo-repo:pull_request",
      event_name: "pull_request",
    }),
    binding: {
      attributeCondition: "assertion.sub == 'repo:octo-org/octo-repo:ref:refs/heads/main'",
    },
    expected: {
      accepted: false,
      check: "attributeCondition",
      code: "unauthorized_client",
      hint: /pull_request event/,
    },
  },
  {
    name: "accepts a condition over mapped attributes and google.subject",
    source: "CLOUDS.md 3.4 (condition over assertion, google, attribute)",
    binding: {
      attributeCondition:
        "attribute.repository_owner == 'octo-org' && google.subject.startsWith('repo:octo-org/')",
    },
    expected: { accepted: true },
  },
  {
    name: "accepts a GitHub provider without a condition but marks it broad",
    source: "CLOUDS.md 3.4 (unset admits every token) and 5.5",
    binding: { attributeCondition: null },
    expected: { accepted: true, broad: /GitHub Actions.*no attribute condition/ },
  },
  {
    name: "marks a GHEC enterprise issuer without a condition broad for that enterprise's organizations only",
    source: "CLOUDS.md §4 GitHub Actions (GHEC unique issuer) and 5.5",
    claims: githubClaims({ iss: "https://token.actions.githubusercontent.com/octo-enterprise" }),
    binding: {
      issuerUri: "https://token.actions.githubusercontent.com/octo-enterprise",
      attributeCondition: null,
    },
    expected: {
      accepted: true,
      broad:
        /shared by every organization of GitHub enterprise octo-enterprise.*: any organization of GitHub enterprise octo-enterprise can obtain/,
    },
  },
  {
    name: "marks a GitLab.com provider whose condition reads no claim as broad",
    source: "CLOUDS.md 3.4 (condition must reference the provider's claims) and 5.5",
    claims: githubClaims({
      iss: "https://gitlab.com",
      sub: "project_path:grp/app:ref_type:branch:ref:main",
    }),
    binding: {
      issuerUri: "https://gitlab.com",
      attributeCondition: "true",
      serviceAccountIamPolicy: undefined,
    },
    expected: { accepted: true, broad: /GitLab.com/ },
  },
  {
    name: "accepts a pool-wide grant but marks it broad",
    source: "CLOUDS.md 3.7 (principalSet …/*) and 5.5",
    binding: policy([member("*")]),
    expected: { accepted: true, broad: /whole pool/ },
  },
  {
    name: "accepts the exact principal:// subject",
    source: "CLOUDS.md 3.7 (principal identifiers)",
    binding: policy([subjectMember("repo:octo-org/octo-repo:ref:refs/heads/main")]),
    expected: { accepted: true, broad: false },
  },
  {
    name: "refuses a legacy subject when the principal uses GitHub's immutable subject",
    source: "CLOUDS.md §4 GitHub Actions (immutable subjects) and 5.7",
    binding: policy([
      subjectMember("repo:octo-org@5544123/octo-repo@821093847:ref:refs/heads/main"),
    ]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      message: denied,
      hint: /immutable subject/,
    },
  },
  {
    name: "refuses a principalSet on an attribute the provider does not map",
    source: "CLOUDS.md 3.3 (map before use) and 3.7",
    binding: policy([member("attribute.repository_id/821093847")]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /does not map attribute.repository_id/,
    },
  },
  {
    name: "refuses a principalSet whose attribute value differs only by case",
    source: "CLOUDS.md 3.4 (Google is case-sensitive) and 3.7",
    binding: policy([member("attribute.repository/Octo-Org/octo-repo")]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /only by case/,
    },
  },
  {
    name: "refuses a principalSet naming two attributes",
    source: "CLOUDS.md 3.7 (one attribute per principalSet; google-github-actions/auth#233)",
    binding: policy([
      member("attribute.repository/octo-org/octo-repo/attribute.ref/refs/heads/main"),
    ]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /names one attribute/,
    },
  },
  {
    name: "refuses a member written with the project ID",
    source: "CLOUDS.md 3.2 and 3.7 (project NUMBER in principal identifiers)",
    binding: policy([member("*").replace("123456789012", "octo-proj")]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /project ID "octo-proj"/,
    },
  },
  {
    name: "refuses a member of another pool",
    source: "CLOUDS.md 3.7 (principal identifiers name the pool)",
    binding: policy([member("*").replace("github-pool", "other-pool")]),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /pool other-pool/,
    },
  },
  {
    name: "refuses a binding with a role other than Workload Identity User",
    source: "CLOUDS.md 3.7 (roles/iam.workloadIdentityUser)",
    binding: policy([member("*")], "roles/viewer"),
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /Grant roles\/iam.workloadIdentityUser/,
    },
  },
  {
    name: "refuses a service account other than the one whose policy is known",
    source: "CLOUDS.md 3.7 (the binding lives on the service account)",
    request: { gcp: { serviceAccount: "other@octo-proj.iam.gserviceaccount.com" } },
    expected: { accepted: false, check: "principal", code: "PERMISSION_DENIED" },
  },
  {
    name: "refuses a requested service account when no policy is given",
    source: "CLOUDS.md 3.7 (no binding → 403)",
    binding: { serviceAccountIamPolicy: undefined },
    request: { gcp: { serviceAccount } },
    expected: {
      accepted: false,
      check: "principal",
      code: "PERMISSION_DENIED",
      hint: /serviceAccountIamPolicy/,
    },
  },
  {
    name: "accepts the STS exchange alone when no service account is asked for",
    source: "CLOUDS.md 3.6 (the result is a federated token) and 3.7 (direct resource access)",
    binding: { serviceAccountIamPolicy: undefined },
    expected: { accepted: true, broad: false },
  },
  {
    name: "accepts a group principalSet from a mapped google.groups",
    source: "CLOUDS.md 3.3 (google.groups) and 3.7 (principalSet …/group/G)",
    binding: {
      attributeMapping: {
        "google.subject": "assertion.sub",
        "google.groups": "[assertion.repository_owner]",
      },
      ...policy([member("group/octo-org")]),
    },
    expected: { accepted: true },
  },
];

describe("evaluateGcp: attribute mapping, condition and service-account IAM", () => {
  it.each(cases.map((row) => [`${row.name} [${row.source}]`, row] as const))("%s", (_name, row) => {
    runCase(row);
  });
});
