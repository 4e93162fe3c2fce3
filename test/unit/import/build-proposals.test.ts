import { describe, expect, it } from "vitest";
import type { ActualTarget } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { buildProposals, type CatalogueSnapshot } from "@/lib/sync/import/build-proposals";
import type { TBindingProposal } from "@/lib/sync/import/import-schemas";
import {
  appTarget,
  fic,
  github,
  gcpGrant,
  providerTarget,
  roleTarget,
  statementBinding,
  testBindingKey,
  uamiTarget,
} from "@/test/unit/import/discovered-fixtures";

const emptyCatalogue = (): CatalogueSnapshot => ({
  issuers: [],
  workloads: [],
  targets: [],
  names: { issuers: [], workloads: [], targets: [] },
});

const githubIssuer = {
  id: "0b8f3c1e-8d2a-4c5b-9e7f-1a2b3c4d5e6f",
  name: "GitHub Actions",
  issuerUrl: github,
  kind: "github-actions" as const,
};
const appWorkload = {
  id: "1c9e4d2f-9e3b-4d6c-8f80-2b3c4d5e6f70",
  name: "contoso/app production",
  issuerId: githubIssuer.id,
  subject: "repo:contoso/app:environment:production",
  subjectSpec: {
    kind: "github",
    owner: "contoso",
    repo: "app",
    trigger: "environment",
    name: "production",
  },
};
const withAppWorkload = (): CatalogueSnapshot => ({
  issuers: [githubIssuer],
  workloads: [appWorkload],
  targets: [],
  names: { issuers: [githubIssuer.name], workloads: [appWorkload.name], targets: [] },
});

function propose(cloud: Cloud, targets: ActualTarget[], catalogue = emptyCatalogue()) {
  return buildProposals({
    cloud,
    discovered: { targets, errors: [] },
    catalogue,
    bindingKey: testBindingKey(cloud),
  });
}

function onlyBinding(cloud: Cloud, target: ActualTarget, catalogue?: CatalogueSnapshot) {
  const binding = propose(cloud, [target], catalogue).targets[0]?.bindings[0];
  if (!binding) throw new Error("no binding proposed");
  return binding;
}

const errorsOf = (binding: TBindingProposal) => binding.findings.errors.map((e) => e.message);

describe("workloads inferred from the subject", () => {
  it("builds a GitHub workload from repo:o/r:environment:prod, under a new GitHub issuer", () => {
    const binding = onlyBinding(
      "azure",
      uamiTarget("id-ci", [fic("gh-prod", { subject: "repo:octo/app:environment:prod" })]),
    );
    expect(binding.issuer).toMatchObject({
      status: "new",
      kind: "github-actions",
      name: "GitHub Actions",
      issuerUrl: github,
    });
    expect(binding.workload).toMatchObject({
      status: "new",
      subject: "repo:octo/app:environment:prod",
      subjectSpec: {
        kind: "github",
        owner: "octo",
        repo: "app",
        trigger: "environment",
        name: "prod",
      },
    });
    expect(binding).toMatchObject({ status: "new", selectable: true });
  });

  it.each([
    [
      "GitLab",
      "https://gitlab.com",
      "project_path:group/sub/project:ref_type:branch:ref:main",
      {
        kind: "gitlab",
        form: "project_path",
        projectPath: "group/sub/project",
        refType: "branch",
        ref: "main",
      },
      "gitlab",
    ],
    [
      "Kubernetes (AKS)",
      "https://westeurope.oic.prod-aks.azure.com/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b/0d9f8e7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f/",
      "system:serviceaccount:payments:api",
      { kind: "kubernetes", namespace: "payments", serviceAccount: "api" },
      "kubernetes-aks",
    ],
    [
      "HCP Terraform",
      "https://app.terraform.io",
      "organization:contoso:project:Default Project:workspace:net-prod:run_phase:apply",
      {
        kind: "terraform",
        organization: "contoso",
        project: "Default Project",
        workspace: "net-prod",
        runPhase: "apply",
      },
      "terraform-cloud",
    ],
    [
      "an issuer without a subject format",
      "https://oidc.example.com",
      "svc:billing-42",
      { kind: "free", subject: "svc:billing-42" },
      "generic",
    ],
  ])("builds a %s workload with its parts", (_label, issuerUrl, subject, subjectSpec, kind) => {
    const binding = onlyBinding(
      "azure",
      uamiTarget("id-multi", [fic("fic-one", { subject }, issuerUrl)]),
    );
    expect(binding.issuer).toMatchObject({ status: "new", kind });
    expect(binding.workload).toMatchObject({ status: "new", subject, subjectSpec });
    expect(binding.selectable).toBe(true);
  });

  it("refuses to guess a GitHub subject outside GitHub's default format", () => {
    const binding = onlyBinding(
      "azure",
      uamiTarget("id-ci", [
        fic("gh-custom", {
          subject: "repo:octo/app:job_workflow_ref:octo/wf/.github/workflows/d.yml@refs/heads/main",
        }),
      ]),
    );
    expect(binding.workload).toBeNull();
    expect(binding.selectable).toBe(false);
    expect(errorsOf(binding).join(" ")).toMatch(
      /does not follow the GitHub Actions subject format/,
    );
  });

  it("reuses the catalogued workload that carries the subject, and one new workload for two bindings of one subject", () => {
    const catalogued = onlyBinding(
      "azure",
      uamiTarget("id-ci", [fic("gh-prod", { subject: appWorkload.subject })]),
      withAppWorkload(),
    );
    expect(catalogued.issuer).toMatchObject({ status: "catalogued", id: githubIssuer.id });
    expect(catalogued.workload).toMatchObject({ status: "catalogued", id: appWorkload.id });

    const [first, second] = propose("azure", [
      uamiTarget("id-a", [fic("same-sub", { subject: "repo:octo/lib:ref:refs/heads/main" })]),
      uamiTarget("id-b", [fic("same-sub", { subject: "repo:octo/lib:ref:refs/heads/main" })]),
    ]).targets.map((target) => target.bindings[0]?.workload);
    expect(first?.name).toBe(second?.name);
  });
});

describe("bindings that admit more than one subject", () => {
  const flexible = (catalogue?: CatalogueSnapshot) =>
    onlyBinding(
      "azure",
      appTarget([fic("flex-app", { expression: "claims['sub'] matches 'repo:contoso/app:*'" })]),
      catalogue,
    );

  it("attaches a flexible credential's expression to a catalogued workload it admits", () => {
    const binding = flexible(withAppWorkload());
    expect(binding.workload).toMatchObject({ status: "catalogued", id: appWorkload.id });
    expect(binding.workload?.reason).toContain("claims['sub'] matches 'repo:contoso/app:*'");
    expect(binding.spec).toMatchObject({ claimsMatchingExpression: { languageVersion: 1 } });
    expect(binding).toMatchObject({ status: "new", selectable: true });
  });

  it("blocks a flexible credential no catalogued workload matches, under an issuer with a subject format", () => {
    const binding = flexible();
    expect(binding.selectable).toBe(false);
    expect(errorsOf(binding).join(" ")).toMatch(/not one workload/);
  });

  it("names a free-form workload after the pattern when the issuer has no subject format", () => {
    const github = onlyBinding(
      "aws",
      roleTarget("role-x", [statementBinding("Ci", "StringLike", "repo:octo/*")]),
    );
    expect(github.workload).toBeNull();
    const generic = onlyBinding(
      "azure",
      uamiTarget("id-g", [
        fic(
          "flex-g",
          { expression: "claims['sub'] matches 'deploy-*'" },
          "https://oidc.example.com",
        ),
      ]),
    );
    expect(generic.workload).toMatchObject({
      status: "new",
      subject: "claims['sub'] matches 'deploy-*'",
      subjectSpec: { kind: "free" },
    });
  });

  it("lists an AWS role's foreign statement apart and proposes each of its own statements", () => {
    const proposals = propose(
      "aws",
      [
        roleTarget(
          "deploy",
          [
            statementBinding(
              "GithubProd",
              "StringEquals",
              "repo:contoso/app:environment:production",
            ),
            statementBinding("GithubAny", "StringLike", "repo:contoso/app:*"),
          ],
          [
            {
              key: "statement-3",
              description: "Trusts the AWS account 210987654321",
              cloudObject: {},
            },
          ],
        ),
      ],
      withAppWorkload(),
    );
    const [target] = proposals.targets;
    expect(target?.foreign).toEqual([
      { key: "statement-3", description: "Trusts the AWS account 210987654321" },
    ]);
    expect(proposals.summary.foreign).toBe(1);
    const [exact, pattern] = target?.bindings ?? [];
    expect(exact).toMatchObject({ name: "GithubProd", status: "new", selectable: true });
    expect(exact?.workload).toMatchObject({ id: appWorkload.id });
    expect(pattern).toMatchObject({ name: "GithubAny", status: "new", selectable: true });
    expect(pattern?.workload?.reason).toContain("repo:contoso/app:*");
  });

  it("matches a GCP principalSet grant on attribute.repository to the workloads of that repository", () => {
    const [set, subject] =
      propose(
        "gcp",
        [
          providerTarget([
            gcpGrant("repo-app", "attribute.repository/contoso/app"),
            gcpGrant("one-run", "repo:contoso/web:ref:refs/heads/main"),
          ]),
        ],
        withAppWorkload(),
      ).targets[0]?.bindings ?? [];
    expect(set?.workload).toMatchObject({ status: "catalogued", id: appWorkload.id });
    expect(set?.selectable).toBe(true);
    expect(subject?.workload).toMatchObject({
      status: "new",
      subjectSpec: {
        kind: "github",
        owner: "contoso",
        repo: "web",
        trigger: "branch",
        name: "main",
      },
    });
    expect(subject?.selectable).toBe(true);
  });
});

describe("new, catalogued and conflicting", () => {
  const target = uamiTarget("id-ci", [fic("gh-prod", { subject: appWorkload.subject })]);
  const cataloguedTarget = (config: unknown, spec: unknown) => ({
    ...withAppWorkload(),
    targets: [
      {
        id: "2d0f5e3a-0f4c-4e7d-9a91-3c4d5e6f7081",
        name: "CI identity",
        kind: "azure-uami" as const,
        externalId: target.externalId,
        config,
        bindings: [{ id: "3e1a6f4b-1a5d-4f8e-8b02-4d5e6f708192", name: "gh-prod", spec }],
      },
    ],
  });

  it("finds a target and binding the catalogue already holds", () => {
    const { targets, summary } = propose(
      "azure",
      [target],
      cataloguedTarget(target.config, target.bindings[0]?.spec),
    );
    expect(targets[0]).toMatchObject({
      status: "catalogued",
      name: "CI identity",
      selectable: false,
    });
    expect(targets[0]?.bindings[0]).toMatchObject({ status: "catalogued", selectable: false });
    expect(summary.bindings).toEqual({ new: 0, catalogued: 1, conflicting: 0 });
  });

  it("shows both sides of a binding whose content differs from the catalogue's", () => {
    const stored = {
      ...(target.bindings[0]?.spec as object),
      subject: "repo:contoso/app:environment:staging",
    };
    const binding = propose("azure", [target], cataloguedTarget(target.config, stored)).targets[0]
      ?.bindings[0];
    expect(binding).toMatchObject({ status: "conflicting", selectable: false });
    expect(binding?.diff).toEqual([
      {
        path: "properties.subject",
        catalogue: "repo:contoso/app:environment:staging",
        cloud: appWorkload.subject,
      },
    ]);
  });

  it("reports a catalogued target whose settings differ", () => {
    const config = {
      ...(target.config as object),
      clientId: "99999999-2222-4333-8444-555555555555",
    };
    const proposed = propose("azure", [target], cataloguedTarget(config, target.bindings[0]?.spec))
      .targets[0];
    expect(proposed?.status).toBe("conflicting");
    expect(proposed?.diff).toEqual([
      {
        path: "clientId",
        catalogue: "99999999-2222-4333-8444-555555555555",
        cloud: "11111111-2222-4333-8444-555555555555",
      },
    ]);
  });

  it("gives every row the same id on every read", () => {
    const first = propose("azure", [target]).targets[0];
    const second = propose("azure", [target]).targets[0];
    expect(second?.id).toBe(first?.id);
    expect(second?.bindings[0]?.id).toBe(first?.bindings[0]?.id);
    expect(first?.id).not.toBe(first?.bindings[0]?.id);
  });
});

describe("findings from the catalogue rules", () => {
  it("blocks a binding the cloud's rules refuse and keeps warnings on selectable rows", () => {
    const badName = onlyBinding(
      "azure",
      uamiTarget("id-ci", [
        {
          ...fic("ok-name", { subject: appWorkload.subject }),
          spec: { cloud: "azure", name: "x" },
        },
      ]),
    );
    expect(badName.selectable).toBe(false);
    expect(badName.findings.errors.length).toBeGreaterThan(0);

    const branch = onlyBinding(
      "azure",
      uamiTarget("id-ci", [fic("gh-main", { subject: "repo:octo/app:ref:refs/heads/main" })]),
    );
    expect(branch.selectable).toBe(true);
    expect(branch.findings.warnings.map((w) => w.message).join(" ")).toMatch(/without reviewers/);
  });

  it("blocks a target whose settings its kind refuses, and the bindings on it", () => {
    const broken = { ...uamiTarget("id-ci", [fic("gh-prod", { subject: appWorkload.subject })]) };
    broken.config = { ...(broken.config as object), tenantId: "not-a-guid" };
    const [proposed] = propose("azure", [broken]).targets;
    expect(proposed?.selectable).toBe(false);
    expect(proposed?.findings.errors[0]?.path).toBe("config.tenantId");
    expect(proposed?.bindings[0]?.selectable).toBe(false);
  });
});
