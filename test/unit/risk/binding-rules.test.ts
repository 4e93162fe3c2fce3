import { describe, expect, it } from "vitest";
import { bindingFindingsOf } from "@/lib/risk/sources/binding-checks";
import type { RiskRuleId } from "@/lib/risk/rule-ids";
import {
  awsBuilder,
  awsRaw,
  bindingOn,
  immutableWorkload,
  webWorkload,
} from "@/test/unit/risk/risk-fixtures";

// Each rule the per-binding checks tag, firing on the risky shape and quiet
// on its narrowed form; the narrowed form is the fix the register proposes.

const rulesOf = (binding: ReturnType<typeof bindingOn>) =>
  bindingFindingsOf(binding).map((finding) => finding.rule);

const key = "token.actions.githubusercontent.com";
const aud = { [`${key}:aud`]: "sts.amazonaws.com" };

function fixOf(binding: ReturnType<typeof bindingOn>, rule: RiskRuleId) {
  const finding = bindingFindingsOf(binding).find((candidate) => candidate.rule === rule);
  expect(finding?.fix).toBeTruthy();
  return finding?.fix;
}

/** The fix's spec, checked again: the rule must not fire on it. */
function assertFixClears(binding: ReturnType<typeof bindingOn>, rule: RiskRuleId) {
  const fix = fixOf(binding, rule);
  const fixed = bindingOn(binding.context.target.name, fix?.prefill as Record<string, unknown>, {
    workload: binding.context.workload,
  });
  expect(rulesOf(fixed)).not.toContain(rule);
}

describe("AWS trust rules", () => {
  it("flags a trust with no sub condition, and not one pinned to the workload's subject", () => {
    const risky = bindingOn("aws-web-deployer", awsBuilder({ subjects: [] }));
    expect(rulesOf(risky)).toContain("aws-trust-no-sub");
    assertFixClears(risky, "aws-trust-no-sub");
    const pinned = bindingOn("aws-web-deployer", awsBuilder({ subjects: [webWorkload.subject] }));
    expect(rulesOf(pinned)).toEqual([]);
  });

  it.each([
    ["repo:*", "aws-sub-any-owner"],
    ["repo:cont*/web:*", "aws-sub-any-owner"],
    ["repo:contoso/*", "aws-sub-owner-wide"],
    ["repo:contoso/web:*", "aws-sub-any-context"],
  ] as const)("flags the pattern %s as %s and proposes the exact subject", (pattern, rule) => {
    const risky = bindingOn(
      "aws-web-deployer",
      awsBuilder({ subjectOperator: "StringLike", subjects: [pattern] }),
    );
    expect(rulesOf(risky)).toContain(rule);
    assertFixClears(risky, rule);
  });

  it("does not flag a narrow pattern such as one environment's tags", () => {
    const narrow = bindingOn(
      "aws-web-deployer",
      awsBuilder({
        subjectOperator: "StringLike",
        subjects: ["repo:contoso/web:ref:refs/tags/v*"],
      }),
    );
    expect(rulesOf(narrow)).toEqual([]);
  });

  it("flags StringLike with no wildcard, and not StringEquals with the same value", () => {
    const like = bindingOn(
      "aws-web-deployer",
      awsBuilder({ subjectOperator: "StringLike", subjects: [webWorkload.subject] }),
    );
    expect(rulesOf(like)).toEqual(["aws-stringlike-no-wildcard"]);
    assertFixClears(like, "aws-stringlike-no-wildcard");
    expect(fixOf(like, "aws-stringlike-no-wildcard")?.prefill).toMatchObject({
      mode: "builder",
      builder: { subjectOperator: "StringEquals", subjects: [webWorkload.subject] },
    });
  });

  it("flags ForAllValues on the single-valued sub, and not the plain operator", () => {
    const risky = bindingOn(
      "aws-web-deployer",
      awsRaw({
        StringEquals: aud,
        "ForAllValues:StringLike": { [`${key}:sub`]: "repo:contoso/web:*" },
      }),
    );
    expect(rulesOf(risky)).toContain("aws-forallvalues-single-valued");
    const fix = fixOf(risky, "aws-forallvalues-single-valued");
    expect(fix?.cloudObject).toMatchObject({
      trustPolicy: {
        Statement: [{ Condition: { StringLike: { [`${key}:sub`]: "repo:contoso/web:*" } } }],
      },
    });
    expect(JSON.stringify(fix?.cloudObject)).not.toContain("ForAllValues");
    const plain = bindingOn(
      "aws-web-deployer",
      awsRaw({ StringEquals: { ...aud, [`${key}:sub`]: webWorkload.subject } }),
    );
    expect(rulesOf(plain)).toEqual([]);
  });

  it("flags an HCP Terraform trust for every run phase, and not one for apply", () => {
    const workload = {
      id: "w-tfc",
      name: "network · apply",
      subject:
        "organization:contoso:project:Default Project:workspace:network-prod:run_phase:apply",
      subjectSpec: null,
    };
    const spec = (subject: string, op: "StringLike" | "StringEquals") => ({
      ...awsBuilder({
        subjectOperator: op,
        subjects: [subject],
        audiences: ["aws.workload.identity"],
      }),
      providerUrl: "https://app.terraform.io",
    });
    const risky = bindingOn(
      "aws-tfc-network",
      spec(
        "organization:contoso:project:Default Project:workspace:network-prod:run_phase:*",
        "StringLike",
      ),
      { workload, issuerUrl: "https://app.terraform.io" },
    );
    expect(rulesOf(risky)).toContain("tfc-run-phase-wildcard");
    const apply = bindingOn("aws-tfc-network", spec(workload.subject, "StringEquals"), {
      workload,
      issuerUrl: "https://app.terraform.io",
    });
    expect(rulesOf(apply)).not.toContain("tfc-run-phase-wildcard");
  });

  it("flags a name-only subject when the workload's ids are known, and proposes the immutable one", () => {
    const legacy = bindingOn(
      "aws-web-deployer",
      awsBuilder({ subjects: ["repo:contoso/payments:environment:prod"] }),
      { workload: immutableWorkload },
    );
    expect(rulesOf(legacy)).toContain("github-mutable-subject");
    expect(fixOf(legacy, "github-mutable-subject")?.prefill).toMatchObject({
      builder: { subjects: [immutableWorkload.subject] },
    });
    const pinned = bindingOn(
      "aws-web-deployer",
      awsBuilder({ subjects: [immutableWorkload.subject] }),
      {
        workload: immutableWorkload,
      },
    );
    expect(rulesOf(pinned)).toEqual([]);
    // Without known ids there is nothing better to trust.
    expect(
      rulesOf(bindingOn("aws-web-deployer", awsBuilder({ subjects: [webWorkload.subject] }))),
    ).toEqual([]);
  });
});

const fic = (fields: Record<string, unknown>) => ({
  cloud: "azure",
  name: "under-test",
  issuer: "https://token.actions.githubusercontent.com",
  audiences: ["api://AzureADTokenExchange"],
  ...fields,
});

describe("Azure federated credential rules", () => {
  it("flags a pull_request subject, and not an environment subject", () => {
    const pr = bindingOn("uami-payments-prod", fic({ subject: "repo:contoso/web:pull_request" }));
    expect(rulesOf(pr)).toContain("azure-fic-pull-request");
    // The workload is pinned to an environment: that is the narrowing.
    assertFixClears(pr, "azure-fic-pull-request");
    const env = bindingOn("uami-payments-prod", fic({ subject: webWorkload.subject }));
    expect(rulesOf(env)).toEqual([]);
  });

  it("moves a pull_request credential of a pull_request workload to a catalogued environment", () => {
    const prWorkload = {
      id: "w-pr",
      name: "web · pull requests",
      subject: "repo:contoso/web:pull_request",
      subjectSpec: { kind: "github", owner: "contoso", repo: "web", trigger: "pull_request" },
    };
    const spec = fic({ subject: prWorkload.subject });
    const alone = bindingOn("uami-payments-prod", spec, { workload: prWorkload });
    expect(
      bindingFindingsOf(alone).find((f) => f.rule === "azure-fic-pull-request")?.fix,
    ).toBeNull();
    const withEnvironment = bindingOn("uami-payments-prod", spec, {
      workload: prWorkload,
      environmentWorkloads: [{ name: webWorkload.name, subject: webWorkload.subject }],
    });
    expect(fixOf(withEnvironment, "azure-fic-pull-request")?.prefill).toMatchObject({
      subject: webWorkload.subject,
    });
  });

  it("flags a branch subject", () => {
    const branch = bindingOn(
      "uami-payments-prod",
      fic({ subject: "repo:contoso/web:ref:refs/heads/main" }),
    );
    expect(rulesOf(branch)).toContain("azure-fic-branch");
  });

  it.each([
    ["claims['sub'] matches 'repo:contoso/*'", "azure-flexible-broad"],
    ["claims['sub'] matches 'repo:*'", "azure-flexible-broad"],
    ["claims['sub'] matches 'repo:contoso/web:*'", "azure-flexible-any-context"],
  ] as const)("flags the expression %s as %s", (value, rule) => {
    const flexible = bindingOn(
      "app-platform-deployer",
      fic({ claimsMatchingExpression: { value, languageVersion: 1 } }),
    );
    expect(rulesOf(flexible)).toContain(rule);
    assertFixClears(flexible, rule);
  });

  it("flags an expression with no term on sub, and not a broad term held by a narrow one", () => {
    const flexible = (value: string) =>
      bindingOn(
        "app-platform-deployer",
        fic({ claimsMatchingExpression: { value, languageVersion: 1 } }),
      );
    const workflowOnly = flexible(
      "claims['job_workflow_ref'] matches 'contoso/workflows/.github/workflows/deploy.yml@*'",
    );
    expect(rulesOf(workflowOnly)).toContain("azure-flexible-broad");
    const heldNarrow = flexible(
      "claims['sub'] matches 'repo:contoso/*' and claims['sub'] eq 'repo:contoso/web:environment:prod'",
    );
    expect(rulesOf(heldNarrow)).toEqual([]);
  });

  it("does not flag an expression held to one repository's tags", () => {
    const narrow = bindingOn(
      "app-platform-deployer",
      fic({
        claimsMatchingExpression: {
          value: "claims['sub'] matches 'repo:contoso/web:ref:refs/tags/v*'",
          languageVersion: 1,
        },
      }),
    );
    expect(rulesOf(narrow)).toEqual([]);
  });

  it("flags an identity at 18 of its 20 credentials, and not at 17", () => {
    const siblings = (count: number) =>
      Array.from({ length: count }, (_, index) => ({
        id: `s${index}`,
        name: `other-${index}`,
        spec: fic({
          name: `other-${index}`,
          subject: `repo:contoso/app-${index}:environment:prod`,
        }),
      }));
    const at18 = bindingOn("uami-payments-prod", fic({ subject: webWorkload.subject }), {
      siblings: siblings(17),
    });
    expect(rulesOf(at18)).toEqual(["azure-fic-capacity"]);
    const at17 = bindingOn("uami-payments-prod", fic({ subject: webWorkload.subject }), {
      siblings: siblings(16),
    });
    expect(rulesOf(at17)).toEqual([]);
  });

  it("flags a name-only subject when the workload's ids are known", () => {
    const legacy = bindingOn(
      "uami-payments-prod",
      fic({ subject: "repo:contoso/payments:environment:prod" }),
      {
        workload: immutableWorkload,
      },
    );
    expect(rulesOf(legacy)).toContain("github-mutable-subject");
    assertFixClears(legacy, "github-mutable-subject");
  });
});

const grant = (fields: Record<string, unknown>) => ({
  cloud: "gcp",
  name: "under-test",
  serviceAccountEmail: "deployer@contoso-prod.iam.gserviceaccount.com",
  role: "roles/iam.workloadIdentityUser",
  ...fields,
});

describe("GCP grant rules", () => {
  it("flags a grant to the whole pool, and not one to the workload's subject", () => {
    const pool = bindingOn("gcp-github", grant({ memberKind: "pool" }));
    expect(rulesOf(pool)).toEqual(["gcp-pool-wide-grant"]);
    const fix = fixOf(pool, "gcp-pool-wide-grant");
    expect(JSON.stringify(fix?.cloudObject)).toContain(
      `principal://iam.googleapis.com/projects/482915736104/locations/global/workloadIdentityPools/github-pool/subject/${webWorkload.subject}`,
    );
    assertFixClears(pool, "gcp-pool-wide-grant");
    expect(rulesOf(bindingOn("gcp-github", grant({ memberKind: "subject" })))).toEqual([]);
  });
});
