import { describe, expect, it } from "vitest";
import {
  parseMember,
  poolResource,
  principalForSubject,
  principalSetForAttribute,
  principalSetForGroup,
  principalSetForPool,
  providerAudiences,
  providerResourceName,
  type ParsedMember,
} from "@/lib/clouds/gcp/principals";

const pool = { projectNumber: "123456789012", poolId: "github-pool" };
const provider = { ...pool, providerId: "github" };
const poolPath = "projects/123456789012/locations/global/workloadIdentityPools/github-pool";

describe("resource names", () => {
  it("names the pool", () => {
    expect(poolResource(pool)).toBe(`//iam.googleapis.com/${poolPath}`);
  });

  it("names the provider canonically, as the STS audience", () => {
    expect(providerResourceName(provider)).toBe(
      `//iam.googleapis.com/${poolPath}/providers/github`,
    );
  });

  it("lists both audiences an empty allowedAudiences accepts", () => {
    expect(providerAudiences(provider)).toEqual([
      `//iam.googleapis.com/${poolPath}/providers/github`,
      `https://iam.googleapis.com/${poolPath}/providers/github`,
    ]);
  });
});

describe("principal identifiers", () => {
  it.each<[label: string, member: string, expected: string]>([
    [
      "a subject",
      principalForSubject(pool, "repo:octo-org/octo-repo:ref:refs/heads/main"),
      `principal://iam.googleapis.com/${poolPath}/subject/repo:octo-org/octo-repo:ref:refs/heads/main`,
    ],
    [
      "an attribute value",
      principalSetForAttribute(pool, "repository", "octo-org/octo-repo"),
      `principalSet://iam.googleapis.com/${poolPath}/attribute.repository/octo-org/octo-repo`,
    ],
    [
      "a group",
      principalSetForGroup(pool, "admins"),
      `principalSet://iam.googleapis.com/${poolPath}/group/admins`,
    ],
    [
      "the whole pool",
      principalSetForPool(pool),
      `principalSet://iam.googleapis.com/${poolPath}/*`,
    ],
  ])("builds %s", (_label, member, expected) => {
    expect(member).toBe(expected);
  });
});

describe("parseMember", () => {
  it.each<[label: string, member: string, parsed: ParsedMember]>([
    [
      "a subject with ':' and '/'",
      `principal://iam.googleapis.com/${poolPath}/subject/repo:o/r:ref:refs/heads/main`,
      { ...pool, kind: "subject", value: "repo:o/r:ref:refs/heads/main" },
    ],
    [
      "an attribute",
      `principalSet://iam.googleapis.com/${poolPath}/attribute.repository/o/r`,
      { ...pool, kind: "attribute", attribute: "repository", value: "o/r" },
    ],
    [
      "a group",
      `principalSet://iam.googleapis.com/${poolPath}/group/admins`,
      { ...pool, kind: "group", value: "admins" },
    ],
    [
      "the whole pool",
      `principalSet://iam.googleapis.com/${poolPath}/*`,
      { ...pool, kind: "pool" },
    ],
  ])("reads %s", (_label, member, parsed) => {
    expect(parseMember(member)).toEqual(parsed);
  });

  it.each<[label: string, member: string]>([
    ["a service account", "serviceAccount:deployer@p.iam.gserviceaccount.com"],
    ["a user", "user:alice@example.com"],
    ["a principal naming a group", `principal://iam.googleapis.com/${poolPath}/group/admins`],
    ["a principalSet naming a subject", `principalSet://iam.googleapis.com/${poolPath}/subject/x`],
    [
      "a project ID instead of the number",
      principalSetForPool({ projectNumber: "my-proj", poolId: "p-123" }),
    ],
    [
      "a location other than global",
      `principal://iam.googleapis.com/projects/1/locations/eu/workloadIdentityPools/pool/subject/x`,
    ],
    [
      "a workforce pool",
      "principalSet://iam.googleapis.com/locations/global/workforcePools/staff/*",
    ],
    ["an empty subject", `principal://iam.googleapis.com/${poolPath}/subject/`],
    [
      "an attribute name with capitals",
      `principalSet://iam.googleapis.com/${poolPath}/attribute.Repo/x`,
    ],
  ])("gives null for %s", (_label, member) => {
    expect(parseMember(member)).toBeNull();
  });

  it("round-trips every member it builds", () => {
    for (const member of [
      principalForSubject(pool, "system:serviceaccount:ns:sa"),
      principalSetForAttribute(pool, "ref", "refs/heads/main"),
      principalSetForGroup(pool, "g"),
      principalSetForPool(pool),
    ]) {
      expect(parseMember(member)).toMatchObject(pool);
    }
  });
});
