import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { TTarget } from "@/lib/schemas/target";
import { createTestTarget, githubIssuerUrl, targetBody } from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { created, expectProblem, patchItem, postItem, type ExpectedParam } from "./catalog-api";

// The limits Google applies when a workload identity pool provider is saved
// (CLOUDS.md 3.1-3.4; issue 3 item 4), each checked through POST /api/v1/targets.

let operatorToken: string;

beforeAll(async () => {
  operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
});

const projectIdMessage =
  "this looks like a project ID; Workload Identity Federation needs the project NUMBER (gcloud projects describe <id> --format='value(projectNumber)')";
const subject = { "google.subject": "assertion.sub" };
const owner = "assertion.repository_owner == 'contoso'";

function attributes(count: number, nameOf = (index: number) => `claim_${index}`) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `attribute.${nameOf(index)}`,
      `assertion.${nameOf(index)}`,
    ]),
  );
}

const post = (config: Record<string, unknown>) =>
  postItem("targets", operatorToken, targetBody("gcp-provider", { config }));

type Case = [label: string, config: Record<string, unknown>, params: ExpectedParam[]];

const idCases = (field: "poolId" | "providerId", what: string): Case[] => [
  [
    `a ${what} ID of 3 characters`,
    { [field]: "abc" },
    [{ name: `config.${field}`, reason: `a ${what} ID has 4-32 characters` }],
  ],
  [
    `a ${what} ID of 33 characters`,
    { [field]: "a".repeat(33) },
    [{ name: `config.${field}`, reason: `a ${what} ID has 4-32 characters` }],
  ],
  [
    `a ${what} ID with upper case`,
    { [field]: "Pool-1" },
    [
      {
        name: `config.${field}`,
        reason: `a ${what} ID uses only lower-case letters, digits and '-'`,
      },
    ],
  ],
  [
    `a ${what} ID with '_'`,
    { [field]: "pool_one" },
    [
      {
        name: `config.${field}`,
        reason: `a ${what} ID uses only lower-case letters, digits and '-'`,
      },
    ],
  ],
  [
    `a ${what} ID starting gcp-`,
    { [field]: "gcp-reserved" },
    [
      {
        name: `config.${field}`,
        reason: `Google reserves the prefix gcp- and refuses ${what} IDs that start with it`,
      },
    ],
  ],
];

describe("GCP provider targets", () => {
  it.each<Case>([
    ...idCases("poolId", "pool"),
    ...idCases("providerId", "provider"),
    [
      "a mapping without google.subject",
      { attributeMapping: { "attribute.repository_owner": "assertion.repository_owner" } },
      [
        {
          name: "config.attributeMapping",
          reason:
            "Map google.subject (e.g. to assertion.sub): Google refuses OIDC providers without it.",
        },
      ],
    ],
    [
      "a mapping expression that is not CEL",
      { attributeMapping: { ...subject, "attribute.repository": "assertion.repository +" } },
      [
        {
          name: "config.attributeMapping.attribute.repository",
          reason: "not valid CEL: the expression ends after '+': a value is missing (column 22)",
        },
      ],
    ],
    [
      "a condition that is not CEL",
      { attributeCondition: `${owner} &&& true` },
      [
        {
          name: "config.attributeCondition",
          reason: "not valid CEL: unexpected '&' (column 41)",
        },
      ],
    ],
    [
      "a condition of 4,097 characters",
      {
        attributeCondition: `${owner} && assertion.sub != '${"x".repeat(4097 - owner.length - 23)}'`,
      },
      [
        {
          name: "config.attributeCondition",
          reason: "Google refuses conditions over 4096 characters; this one has 4097.",
        },
      ],
    ],
    [
      "a custom attribute name in upper case",
      { attributeMapping: { ...subject, "attribute.Repo": "assertion.repository" } },
      [
        {
          name: "config.attributeMapping.attribute.Repo",
          reason:
            "Google refuses this name: custom attribute names use up to 100 lower-case letters, digits or '_'.",
        },
      ],
    ],
    [
      "a custom attribute name of 101 characters",
      { attributeMapping: { ...subject, [`attribute.${"a".repeat(101)}`]: "assertion.sub" } },
      [
        {
          name: `config.attributeMapping.attribute.${"a".repeat(101)}`,
          reason:
            "Google refuses this name: custom attribute names use up to 100 lower-case letters, digits or '_'.",
        },
      ],
    ],
    [
      "51 custom attributes",
      { attributeMapping: { ...subject, ...attributes(51) } },
      [
        {
          name: "config.attributeMapping",
          reason: "Google allows at most 50 custom attributes; this mapping has 51.",
        },
      ],
    ],
    [
      "a project ID instead of the number",
      { projectNumber: "contoso-prod" },
      [{ name: "config.projectNumber", reason: projectIdMessage }],
    ],
    [
      "a project number with letters",
      { projectNumber: "48291573610a" },
      [{ name: "config.projectNumber", reason: projectIdMessage }],
    ],
    [
      "a project number of 21 digits",
      { projectNumber: "1".repeat(21) },
      [{ name: "config.projectNumber", reason: "must be the project number: 1-20 digits" }],
    ],
    [
      "11 allowed audiences",
      { allowedAudiences: Array.from({ length: 11 }, (_, index) => `aud-${index}`) },
      [
        {
          name: "config.allowedAudiences",
          reason: "Google allows at most 10 audiences; this list has 11.",
        },
      ],
    ],
    [
      "an audience of 257 characters",
      { allowedAudiences: ["a".repeat(257)] },
      [
        {
          name: "config.allowedAudiences.0",
          reason: "Google refuses audiences over 256 characters.",
        },
      ],
    ],
  ])("refuses %s with 422 naming the field", async (_label, config, params) => {
    const before = await getDb().cloudTarget.count();
    await expectProblem(await post(config), 422, params);
    expect(await getDb().cloudTarget.count()).toBe(before);
  });

  it.each<[string, Record<string, unknown>]>([
    ["4-character ids", { poolId: "pool", providerId: `p${Date.now().toString(36).slice(-3)}` }],
    [
      "a 32-character provider id",
      { providerId: `p${"0".repeat(24)}${Date.now().toString(36).slice(-7)}` },
    ],
    ["50 custom attributes", { attributeMapping: { ...subject, ...attributes(50) } }],
    [
      "a 100-character attribute name",
      { attributeMapping: { ...subject, [`attribute.${"b".repeat(100)}`]: "assertion.sub" } },
    ],
    [
      "a condition of 4,096 characters",
      {
        attributeCondition: `${owner} && assertion.sub != '${"x".repeat(4096 - owner.length - 23)}'`,
      },
    ],
    [
      "10 audiences of 256 characters",
      { allowedAudiences: Array.from({ length: 10 }, (_, index) => `${index}`.padEnd(256, "a")) },
    ],
  ])("accepts %s (the limit itself)", async (_label, config) => {
    await created<TTarget>(await post(config));
  });

  it.each<[string, string, RegExp]>([
    [
      "GitHub",
      githubIssuerUrl,
      /^Google refuses GitHub Actions providers whose condition does not reference the token's claims .+ Restrict it to your organization, e\.g\. assertion\.repository_owner == 'your-org'\.$/,
    ],
    [
      "GitLab.com",
      "https://gitlab.com",
      /^Google refuses GitLab\.com providers whose condition does not reference the token's claims .+ Restrict it to your group, e\.g\. assertion\.namespace_path == 'your-group' \|\| /,
    ],
    [
      "HCP Terraform",
      "https://app.terraform.io",
      /^Google refuses HCP Terraform providers whose condition does not reference the token's claims .+ assertion\.sub\.startsWith\('organization:your-org:'\)\.$/,
    ],
  ])("requires a condition for %s's shared issuer", async (_label, issuerUri, reason) => {
    await expectProblem(await post({ issuerUri, attributeCondition: null }), 422, [
      { name: "config.attributeCondition", reason },
    ]);
    // A condition that reads no claim restricts nothing, so Google refuses it too.
    await expectProblem(await post({ issuerUri, attributeCondition: "true" }), 422, [
      { name: "config.attributeCondition", reason },
    ]);
  });

  it("needs no condition for a tenant's own issuer such as Keycloak", async () => {
    const target = await created<TTarget>(
      await post({
        issuerUri: "https://keycloak.example.com/realms/platform",
        attributeCondition: null,
      }),
    );
    expect(target.config.attributeCondition).toBeNull();
  });

  it("applies the same rules when a provider's config is patched", async () => {
    const target = await createTestTarget("gcp-provider");
    const response = await patchItem("targets", operatorToken, target.id, {
      config: { ...target.config, attributeCondition: null },
    });
    await expectProblem(response, 422, [
      { name: "config.attributeCondition", reason: /^Google refuses GitHub Actions providers/ },
    ]);
  });

  it("warns, without refusing, when allowed audiences leave out the provider's own name", async () => {
    const target = await created<TTarget>(await post({ allowedAudiences: ["https://gitlab.com"] }));
    expect(target.warnings).toContainEqual({
      path: "allowedAudiences",
      message: expect.stringMatching(/^With allowed audiences set, STS refuses tokens whose aud/),
    });
  });
});
