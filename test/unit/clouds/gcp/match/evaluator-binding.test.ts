import { describe, expect, it } from "vitest";
import {
  normaliseGcpEvaluatorBinding,
  ZGcpEvaluatorBinding,
} from "@/lib/clouds/gcp/evaluator-binding";
import { projectIdNotNumberMessage } from "@/lib/clouds/gcp/ids";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { gcpCatalog } from "@/lib/clouds/gcp";
import type { TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { bindingInput, github, poolPath, providerResource, serviceAccount } from "./fixtures";

function issuesOf(input: Record<string, unknown>) {
  const parsed = ZGcpEvaluatorBinding.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("ZGcpEvaluatorBinding", () => {
  it("accepts the catalogue's cloud object for a GCP binding as is [issue 4 item 5]", () => {
    const spec: TGcpBindingSpec = {
      cloud: "gcp",
      name: "deploy",
      serviceAccountEmail: serviceAccount,
      role: "roles/iam.workloadIdentityUser",
      memberKind: "attribute",
      attributeName: "repository",
      attributeValue: "octo-org/octo-repo",
      member: `principalSet://iam.googleapis.com/${poolPath}/attribute.repository/octo-org/octo-repo`,
    };
    const cloudObject = gcpCatalog.cloudObject({
      spec,
      target: {
        id: "t1",
        kind: "gcp-provider",
        name: "github",
        config: {
          projectNumber: "123456789012",
          poolId: "github-pool",
          providerId: "github",
          issuerUri: github,
          allowedAudiences: [],
          attributeMapping: {
            "google.subject": "assertion.sub",
            "attribute.repository": "assertion.repository",
          },
          attributeCondition: "assertion.repository_owner == 'octo-org'",
          disabled: false,
          serviceAccountEmail: null,
        },
      },
      workload: {
        id: "w1",
        name: "octo",
        subject: "repo:octo-org/octo-repo:ref:refs/heads/main",
        subjectSpec: {},
      },
      issuer: { issuerUrl: github, kind: "github-actions" },
      siblings: [],
    }) as Record<string, unknown>;
    const parsed = ZGcpEvaluatorBinding.parse({ cloud: "gcp", ...cloudObject });
    expect(normaliseGcpEvaluatorBinding(parsed)).toEqual({
      provider: { projectNumber: "123456789012", poolId: "github-pool", providerId: "github" },
      providerResource,
      issuerUri: github,
      allowedAudiences: [],
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.repository": "assertion.repository",
      },
      attributeCondition: "assertion.repository_owner == 'octo-org'",
      disabled: false,
      poolDisabled: false,
      serviceAccountIamPolicy: {
        serviceAccount,
        role: "roles/iam.workloadIdentityUser",
        members: [spec.member],
      },
    });
  });

  it.each<[label: string, config: Record<string, unknown>, poolDisabled: boolean]>([
    ["a disabled pool", { poolDisabled: true }, true],
    ["an enabled pool", { poolDisabled: false }, false],
    ["a row saved before poolDisabled existed", {}, false],
  ])(
    "carries %s from the provider target to the evaluator [CLOUDS.md 3.1 (a disabled pool blocks existing tokens)]",
    (_label, config, poolDisabled) => {
      const parsedConfig = ZGcpProviderConfig.parse({
        projectNumber: "123456789012",
        poolId: "github-pool",
        providerId: "github",
        issuerUri: github,
        attributeMapping: { "google.subject": "assertion.sub" },
        attributeCondition: "assertion.repository_owner == 'octo-org'",
        ...config,
      });
      const cloudObject = gcpCatalog.evaluatorBinding({
        spec: {
          cloud: "gcp",
          name: "deploy",
          serviceAccountEmail: serviceAccount,
          role: "roles/iam.workloadIdentityUser",
          memberKind: "pool",
          member: `principalSet://iam.googleapis.com/${poolPath}/*`,
        },
        target: { id: "t1", kind: "gcp-provider", name: "github", config: parsedConfig },
        workload: { id: "w1", name: "octo", subject: "repo:octo-org/octo-repo", subjectSpec: {} },
        issuer: { issuerUrl: github, kind: "github-actions" },
        siblings: [],
      });
      const parsed = ZGcpEvaluatorBinding.parse(cloudObject);
      expect(normaliseGcpEvaluatorBinding(parsed).poolDisabled).toBe(poolDisabled);
    },
  );

  it("keeps a policy member's surrounding whitespace, as IAM compares members exactly [CLOUDS.md 3.7]", () => {
    const member = `principal://iam.googleapis.com/${poolPath}/subject/repo:o/r:ref:refs/heads/main `;
    const parsed = ZGcpEvaluatorBinding.parse(
      bindingInput({
        serviceAccountIamPolicy: {
          serviceAccount,
          role: "roles/iam.workloadIdentityUser",
          members: [member],
        },
      }),
    );
    expect(parsed.serviceAccountIamPolicy?.members).toEqual([member]);
  });

  it("defaults the optional fields and reads an empty condition as none [CLOUDS.md 3.4]", () => {
    const parsed = ZGcpEvaluatorBinding.parse({
      cloud: "gcp",
      poolProviderResource: providerResource,
      issuerUri: github,
      attributeMapping: { "google.subject": "assertion.sub" },
      attributeCondition: "  ",
    });
    expect(parsed).toMatchObject({
      allowedAudiences: [],
      attributeCondition: null,
      disabled: false,
    });
    expect(normaliseGcpEvaluatorBinding(parsed).serviceAccountIamPolicy).toBeNull();
  });

  it("accepts a condition-less provider for a shared issuer (created before Google required one) [CLOUDS.md 3.4]", () => {
    expect(issuesOf(bindingInput({ attributeCondition: null }))).toEqual([]);
  });

  it.each<
    [label: string, overrides: Record<string, unknown>, path: string, message: string | RegExp]
  >([
    [
      "a project ID in the provider name",
      { poolProviderResource: providerResource.replace("123456789012", "octo-proj") },
      "poolProviderResource",
      projectIdNotNumberMessage,
    ],
    [
      "the https:// form as the provider name",
      { poolProviderResource: `https:${providerResource}` },
      "poolProviderResource",
      /full resource name/,
    ],
    [
      "a pool ID with Google's reserved prefix",
      { poolProviderResource: providerResource.replace("github-pool", "gcp-pool") },
      "poolProviderResource",
      /reserves the prefix gcp-/,
    ],
    ["an http issuer", { issuerUri: "http://token.example" }, "issuerUri", "must be an https URL"],
    [
      "a mapping without google.subject",
      { attributeMapping: { "attribute.x": "assertion.x" } },
      "attributeMapping",
      /Map google.subject/,
    ],
    [
      "a mapping key Google does not know",
      { attributeMapping: { "google.subject": "assertion.sub", "Attribute.X": "assertion.x" } },
      "attributeMapping.Attribute.X",
      /google.subject, google.groups/,
    ],
    [
      "a condition that is not CEL",
      { attributeCondition: "assertion.sub ==" },
      "attributeCondition",
      /not valid CEL/,
    ],
    [
      "more than 10 audiences",
      { allowedAudiences: Array.from({ length: 11 }, (_, i) => `a${i}`) },
      "allowedAudiences",
      /at most 10/,
    ],
    ["an unknown field", { audiences: ["x"] }, "", /Unrecognized key/],
    [
      "a policy member that is empty",
      {
        serviceAccountIamPolicy: {
          serviceAccount,
          role: "roles/iam.workloadIdentityUser",
          members: [""],
        },
      },
      "serviceAccountIamPolicy.members.0",
      "is empty",
    ],
    [
      "a policy member of spaces only",
      {
        serviceAccountIamPolicy: {
          serviceAccount,
          role: "roles/iam.workloadIdentityUser",
          members: ["  "],
        },
      },
      "serviceAccountIamPolicy.members.0",
      "is empty",
    ],
    [
      "a workforce-pool key such as google.display_name",
      {
        attributeMapping: {
          "google.subject": "assertion.sub",
          "google.display_name": "assertion.name",
        },
      },
      "attributeMapping.google.display_name",
      /google.subject, google.groups and attribute.<name>/,
    ],
  ])("refuses %s [CLOUDS.md 3.1-3.4, 3.7]", (_label, overrides, path, message) => {
    const issues = issuesOf(bindingInput(overrides));
    const issue = issues.find((candidate) => candidate.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    if (typeof message === "string") expect(issue?.message).toBe(message);
    else expect(issue?.message).toMatch(message);
  });
});
