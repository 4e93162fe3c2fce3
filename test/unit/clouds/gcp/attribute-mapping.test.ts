import { describe, expect, it } from "vitest";
import { issuerKinds, type IssuerKind } from "@/lib/catalog/issuer-kinds";
import {
  attributeConditionFindings,
  attributeMappingFindings,
  defaultAttributeMapping,
  suggestedAttributeCondition,
} from "@/lib/clouds/gcp/attribute-mapping";
import { celSyntaxError } from "@/lib/clouds/gcp/cel";

const subject = { "google.subject": "assertion.sub" };
const badKey =
  "Google accepts only google.subject, google.groups and attribute.<name> as keys of a workload identity pool provider.";
const badAttributeName =
  "Google refuses this name: custom attribute names use up to 100 lower-case letters, digits or '_'.";

describe("attributeMappingFindings", () => {
  it("checks each mapping afresh, whatever was checked just before or changed in place", () => {
    const errorsOf = (mapping: Record<string, string>) =>
      attributeMappingFindings(mapping).errors.map((finding) => finding.path);
    const mapping = { ...subject };
    expect(errorsOf(mapping)).toEqual([]);
    expect(errorsOf({ "google.subject": "assertion.sub ==" })).toEqual([
      "attributeMapping.google.subject",
    ]);
    expect(errorsOf(mapping)).toEqual([]);
    mapping["google.subject"] = " ";
    expect(errorsOf(mapping)).toEqual(["attributeMapping", "attributeMapping.google.subject"]);
    expect(errorsOf({ ...subject, "attribute.X": "assertion.x" })).toEqual([
      "attributeMapping.attribute.X",
    ]);
    expect(errorsOf({ "attribute.X": "assertion.x", ...subject })).toEqual([
      "attributeMapping.attribute.X",
    ]);
  });

  it("accepts GitHub's default mapping without findings", () => {
    expect(attributeMappingFindings(defaultAttributeMapping("github-actions"))).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it.each<[label: string, mapping: Record<string, string>, errors: [string, string][]]>([
    [
      "a mapping without google.subject",
      { "attribute.repository": "assertion.repository" },
      [
        [
          "attributeMapping",
          "Map google.subject (e.g. to assertion.sub): Google refuses OIDC providers without it.",
        ],
      ],
    ],
    [
      "a blank google.subject",
      { "google.subject": " " },
      [
        [
          "attributeMapping",
          "Map google.subject (e.g. to assertion.sub): Google refuses OIDC providers without it.",
        ],
        ["attributeMapping.google.subject", "is required"],
      ],
    ],
    [
      "an unknown google key",
      { ...subject, "google.email": "assertion.email" },
      [["attributeMapping.google.email", badKey]],
    ],
    [
      "google.display_name, a workforce-pool key (workload provider attributeMapping reference)",
      { ...subject, "google.display_name": "assertion.name" },
      [["attributeMapping.google.display_name", badKey]],
    ],
    [
      "google.profile_photo, a workforce-pool key (workload provider attributeMapping reference)",
      { ...subject, "google.profile_photo": "assertion.picture" },
      [["attributeMapping.google.profile_photo", badKey]],
    ],
    [
      "a key outside both namespaces",
      { ...subject, repository: "assertion.repository" },
      [["attributeMapping.repository", badKey]],
    ],
    [
      "an attribute name with capitals",
      { ...subject, "attribute.Repo": "assertion.repository" },
      [["attributeMapping.attribute.Repo", badAttributeName]],
    ],
    [
      "an attribute name with '-'",
      { ...subject, "attribute.repo-id": "assertion.repository_id" },
      [["attributeMapping.attribute.repo-id", badAttributeName]],
    ],
    [
      "an attribute name of 101 characters",
      { ...subject, [`attribute.${"a".repeat(101)}`]: "assertion.x" },
      [[`attributeMapping.attribute.${"a".repeat(101)}`, badAttributeName]],
    ],
    [
      "an expression of 2,049 characters",
      { ...subject, "attribute.long": `'${"x".repeat(2047)}'` },
      [
        [
          "attributeMapping.attribute.long",
          "Google refuses mapping expressions over 2048 characters; this one has 2049.",
        ],
      ],
    ],
    [
      "a CEL syntax error",
      { ...subject, "attribute.ref": "assertion.ref +" },
      [
        [
          "attributeMapping.attribute.ref",
          "not valid CEL: the expression ends after '+': a value is missing (column 15)",
        ],
      ],
    ],
  ])("refuses %s", (_label, mapping, errors) => {
    expect(attributeMappingFindings(mapping).errors.map((e) => [e.path, e.message])).toEqual(
      errors,
    );
  });

  it("accepts an attribute name of 100 characters and an expression of 2,048", () => {
    const mapping = { ...subject, [`attribute.${"a".repeat(100)}`]: `'${"x".repeat(2046)}'` };
    expect(attributeMappingFindings(mapping).errors).toEqual([]);
  });

  it("accepts 50 custom attributes and refuses 51", () => {
    const attributes = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`attribute.a${i}`, "assertion.sub"]),
      );
    expect(attributeMappingFindings({ ...subject, ...attributes(50) }).errors).toEqual([]);
    expect(attributeMappingFindings({ ...subject, ...attributes(51) }).errors).toEqual([
      {
        path: "attributeMapping",
        message: "Google allows at most 50 custom attributes; this mapping has 51.",
      },
    ]);
  });

  it("warns when google.subject concatenates claims and may pass 127 bytes", () => {
    const findings = attributeMappingFindings({
      "google.subject": "assertion.repository + '/' + assertion.ref",
    });
    expect(findings.errors).toEqual([]);
    expect(findings.warnings).toEqual([
      {
        path: "attributeMapping.google.subject",
        message:
          "This google.subject joins several values; with long repository or branch names it can pass 127 bytes, and STS then refuses the token (invalid_request). Shorten it with extract().",
      },
    ]);
  });

  it("warns when the expressions alone pass 8 KB", () => {
    const attributes = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`attribute.a${i}`, `'${"x".repeat(1800)}'`]),
    );
    const findings = attributeMappingFindings({ ...subject, ...attributes });
    expect(findings.errors).toEqual([]);
    expect(findings.warnings).toEqual([
      {
        path: "attributeMapping",
        message:
          "The mapping is 9097 bytes; STS refuses a token whose mapped attributes together exceed 8 KB.",
      },
    ]);
  });
});

describe("defaultAttributeMapping", () => {
  it.each(issuerKinds)("maps google.subject to assertion.sub for %s, in valid CEL", (kind) => {
    const mapping = defaultAttributeMapping(kind);
    expect(mapping["google.subject"]).toBe("assertion.sub");
    expect(Object.keys(mapping).length).toBeLessThanOrEqual(6);
    expect(attributeMappingFindings(mapping)).toEqual({ errors: [], warnings: [] });
  });

  it.each<[IssuerKind, string[]]>([
    [
      "github-actions",
      ["repository", "repository_id", "repository_owner", "repository_owner_id", "ref"],
    ],
    ["gitlab", ["project_path", "project_id", "namespace_path", "ref", "ref_type"]],
    [
      "terraform-cloud",
      [
        "terraform_organization_id",
        "terraform_project_id",
        "terraform_workspace_id",
        "terraform_run_phase",
      ],
    ],
    ["kubernetes-aks", []],
    ["circleci", []],
  ])("maps the documented claims of %s", (kind, claims) => {
    const mapping = defaultAttributeMapping(kind);
    expect(Object.entries(mapping).filter(([key]) => key !== "google.subject")).toEqual(
      claims.map((claim) => [`attribute.${claim}`, `assertion.${claim}`]),
    );
  });

  it("hands out a copy the caller may edit", () => {
    defaultAttributeMapping("gitlab")["attribute.extra"] = "assertion.x";
    expect(defaultAttributeMapping("gitlab")).not.toHaveProperty("attribute.extra");
  });
});

describe("suggestedAttributeCondition", () => {
  it.each<
    [
      label: string,
      kind: IssuerKind,
      hint: { owner?: string; ownerId?: string } | undefined,
      condition: string | null,
    ]
  >([
    [
      "GitHub with an owner",
      "github-actions",
      { owner: "octo-org" },
      "assertion.repository_owner == 'octo-org'",
    ],
    [
      "GitHub with an owner id",
      "github-actions",
      { owner: "octo-org", ownerId: "5544123" },
      "assertion.repository_owner_id == '5544123'",
    ],
    ["GitHub without a hint", "github-actions", undefined, "assertion.repository_owner == 'OWNER'"],
    [
      "GitLab with a group",
      "gitlab",
      { owner: "acme" },
      "assertion.namespace_path == 'acme' || assertion.namespace_path.startsWith('acme/')",
    ],
    [
      "HCP Terraform with an organization",
      "terraform-cloud",
      { owner: "acme" },
      "assertion.sub.startsWith('organization:acme:')",
    ],
    [
      "an owner with a quote",
      "github-actions",
      { owner: "o'neil" },
      "assertion.repository_owner == 'o\\'neil'",
    ],
    ["Kubernetes", "kubernetes-eks", { owner: "x" }, null],
    ["a generic issuer", "generic", undefined, null],
  ])("suggests a condition for %s", (_label, kind, hint, condition) => {
    expect(suggestedAttributeCondition(kind, hint)).toBe(condition);
  });

  it.each(["github-actions", "gitlab", "terraform-cloud"] as const)(
    "suggests a condition for %s that Google would accept for its shared issuer",
    (kind) => {
      const condition = suggestedAttributeCondition(kind, { owner: "acme" }) ?? "";
      expect(celSyntaxError(condition)).toBeNull();
      const issuer = {
        "github-actions": "https://token.actions.githubusercontent.com",
        gitlab: "https://gitlab.com",
        "terraform-cloud": "https://app.terraform.io",
      }[kind];
      expect(attributeConditionFindings(condition, issuer, defaultAttributeMapping(kind))).toEqual({
        errors: [],
        warnings: [],
      });
    },
  );
});
