import { describe, expect, it } from "vitest";
import {
  allowedAudiencesFindings,
  attributeConditionFindings,
} from "@/lib/clouds/gcp/attribute-mapping";
import { multiTenantIssuer } from "@/lib/clouds/gcp/multi-tenant-issuers";
import { providerAudiences } from "@/lib/clouds/gcp/principals";

const github = "https://token.actions.githubusercontent.com";
const refusal = {
  github:
    "Google refuses GitHub Actions providers whose condition does not reference the token's claims (\"The attribute condition must reference one of the provider's claims\"). Restrict it to your organization, e.g. assertion.repository_owner == 'your-org'.",
  gitlab:
    "Google refuses GitLab.com providers whose condition does not reference the token's claims (\"The attribute condition must reference one of the provider's claims\"). Restrict it to your group, e.g. assertion.namespace_path == 'your-group' || assertion.namespace_path.startsWith('your-group/').",
  terraform:
    "Google refuses HCP Terraform providers whose condition does not reference the token's claims (\"The attribute condition must reference one of the provider's claims\"). Restrict it to your organization, e.g. assertion.sub.startsWith('organization:your-org:').",
};

describe("multiTenantIssuer", () => {
  it.each<[issuer: string, label: string | null]>([
    [github, "GitHub Actions"],
    [`${github}/`, "GitHub Actions"],
    [`${github}/octo-enterprise`, "GitHub Actions (enterprise octo-enterprise)"],
    ["https://gitlab.com", "GitLab.com"],
    ["https://gitlab.com/", "GitLab.com"],
    ["https://app.terraform.io", "HCP Terraform"],
    ["https://app.eu.terraform.io", "HCP Terraform"],
    ["https://gitlab.example.com", null],
    ["https://gitlab.com/group", null],
    [`${github}/a/b`, null],
    ["https://github.example.com/_services/token", null],
    ["https://tfe.example.com", null],
    ["http://gitlab.com", null],
    ["not a url", null],
  ])("classifies %s", (issuer, label) => {
    expect(multiTenantIssuer(issuer)?.label ?? null).toBe(label);
  });
});

describe("multiTenantIssuer for a GHEC enterprise's unique issuer", () => {
  it("says only that enterprise's organizations share it [CLOUDS.md §4 GitHub Actions]", () => {
    expect(multiTenantIssuer(`${github}/octo-enterprise`)).toMatchObject({
      anyTenant: "any organization of GitHub enterprise octo-enterprise",
      sharedBy: "every organization of GitHub enterprise octo-enterprise",
      isConditionRequired: false,
    });
    expect(multiTenantIssuer(github)).toMatchObject({
      anyTenant: "any GitHub Actions organization",
      sharedBy: "every tenant",
      isConditionRequired: true,
    });
  });
});

describe("attributeConditionFindings", () => {
  it.each<[label: string, condition: string | null]>([
    ["without a condition", null],
    ["with a condition that reads no claim", "true"],
  ])(
    "only warns about a GHEC enterprise issuer %s, Google's refusal being unconfirmed for it [CLOUDS.md 3.4, §4 GitHub Actions]",
    (_label, condition) => {
      const findings = attributeConditionFindings(condition, `${github}/octo-enterprise`);
      expect(findings.errors).toEqual([]);
      expect(findings.warnings).toEqual([
        {
          path: "attributeCondition",
          rule: "gcp-provider-no-condition",
          message: expect.stringMatching(
            /^\[unconfirmed\].*any organization of GitHub enterprise octo-enterprise can obtain a token/,
          ) as unknown,
        },
      ]);
    },
  );

  it.each<[label: string, condition: string | null, issuer: string, message: string]>([
    ["GitHub without a condition", null, github, refusal.github],
    ["GitHub with a blank condition", "  ", github, refusal.github],
    ["GitLab.com without a condition", null, "https://gitlab.com", refusal.gitlab],
    [
      "HCP Terraform EU without a condition",
      null,
      "https://app.eu.terraform.io",
      refusal.terraform,
    ],
    ["GitHub with a condition that reads no claim", "true", github, refusal.github],
    [
      "GitHub with a condition on google.subject only",
      "google.subject != ''",
      github,
      refusal.github,
    ],
    [
      "a condition over 4,096 characters",
      `assertion.sub == '${"x".repeat(4080)}'`,
      "https://issuer.example.com",
      "Google refuses conditions over 4096 characters; this one has 4099.",
    ],
    [
      "a CEL syntax error",
      "assertion.repository_owner = 'octo'",
      "https://issuer.example.com",
      "not valid CEL: '=' at column 28 is not a CEL operator: compare with '=='",
    ],
  ])("refuses %s", (_label, condition, issuer, message) => {
    // The unpinned-provider refusal is also the register's finding; other refusals carry no rule.
    expect(attributeConditionFindings(condition, issuer)).toMatchObject({
      errors: [{ path: "attributeCondition", message }],
      warnings: [],
    });
  });

  it.each<[label: string, condition: string | null, issuer: string]>([
    ["GitHub restricted by an assertion claim", "assertion.repository_owner == 'octo-org'", github],
    ["GitHub restricted by a mapped attribute", "attribute.repository_owner == 'octo-org'", github],
    ["a self-managed GitLab without a condition", null, "https://gitlab.example.com"],
    [
      "a Kubernetes issuer without a condition",
      null,
      "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
    ],
    ["a condition of exactly 4,096 characters", `assertion.sub == '${"x".repeat(4077)}'`, github],
  ])("accepts %s", (_label, condition, issuer) => {
    expect(attributeConditionFindings(condition, issuer)).toEqual({ errors: [], warnings: [] });
  });

  it("warns about attributes the condition reads but the mapping lacks", () => {
    const findings = attributeConditionFindings(
      "attribute.repository_owner == 'octo' && attribute['ref'] == 'refs/heads/main'",
      github,
      { "google.subject": "assertion.sub", "attribute.ref": "assertion.ref" },
    );
    expect(findings).toEqual({
      errors: [],
      warnings: [
        {
          path: "attributeCondition",
          message:
            "attribute.repository_owner is not in the attribute mapping; map it before the condition can read it.",
        },
      ],
    });
  });

  it("does not warn about unmapped attributes when no mapping is given", () => {
    expect(attributeConditionFindings("attribute.x == 'y'", github).warnings).toEqual([]);
  });
});

describe("allowedAudiencesFindings", () => {
  const provider = { projectNumber: "123", poolId: "pool-1", providerId: "prov-1" };
  const canonicalWarning = {
    path: "allowedAudiences",
    message:
      "With allowed audiences set, STS refuses tokens whose aud is the provider's own name (https://iam.googleapis.com/projects/…/providers/…), which google-github-actions/auth requests by default. List it too if workloads use it.",
  };

  it("has nothing to say about an empty list", () => {
    expect(allowedAudiencesFindings([])).toEqual({ errors: [], warnings: [] });
  });

  it("warns that a custom list stops the canonical audience", () => {
    expect(allowedAudiencesFindings(["https://github.com/octo-org"])).toEqual({
      errors: [],
      warnings: [canonicalWarning],
    });
  });

  it.each([0, 1])("does not warn when the list includes canonical form %i", (index) => {
    const audience = providerAudiences(provider)[index] ?? "";
    expect(allowedAudiencesFindings(["sts.example", audience], provider).warnings).toEqual([]);
  });

  it.each<[label: string, audiences: string[], errors: [string, string][]]>([
    [
      "11 audiences",
      Array.from({ length: 11 }, (_, i) => `aud-${i}`),
      [["allowedAudiences", "Google allows at most 10 audiences; this list has 11."]],
    ],
    [
      "an audience of 257 characters",
      ["ok", "a".repeat(257)],
      [["allowedAudiences.1", "Google refuses audiences over 256 characters."]],
    ],
    ["an empty audience", [""], [["allowedAudiences.0", "is empty"]]],
  ])("refuses %s", (_label, audiences, errors) => {
    expect(allowedAudiencesFindings(audiences).errors.map((e) => [e.path, e.message])).toEqual(
      errors,
    );
  });

  it("accepts 10 audiences of 256 characters", () => {
    const audiences = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(256, "a"));
    expect(allowedAudiencesFindings(audiences).errors).toEqual([]);
  });
});
