import { describe, expect, it } from "vitest";
import { issuerKinds, type IssuerKind } from "@/lib/catalog/issuer-kinds";
import { buildFreeSubject, freeSubjectHelp, ZFreeSubjectSpec } from "@/lib/catalog/subjects/free";

function issuesOf(subject: string): string[] {
  const result = ZFreeSubjectSpec.safeParse({ kind: "free", subject });
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe("ZFreeSubjectSpec", () => {
  it.each<[label: string, subject: string, issues: string[]]>([
    ["an empty subject", "", ["is required"]],
    [
      "a leading space",
      " org/1/project/2/user/3",
      ["must not start or end with spaces: clouds compare sub byte for byte"],
    ],
    [
      "a trailing line break",
      "spiffe://example.org/ns/a/sa/b\n",
      ["must not start or end with spaces: clouds compare sub byte for byte"],
    ],
    [
      "601 characters",
      "s".repeat(601),
      ["must be at most 600 characters (Entra's limit for a subject)"],
    ],
  ])("refuses %s", (_label, subject, issues) => {
    expect(issuesOf(subject)).toEqual(issues);
  });

  it("keeps a 600-character subject byte for byte", () => {
    const subject = `sc://Org/Project/${"c".repeat(583)}`;
    expect(buildFreeSubject(ZFreeSubjectSpec.parse({ kind: "free", subject }))).toBe(subject);
  });
});

describe("freeSubjectHelp", () => {
  it.each<[kind: IssuerKind, format: string]>([
    ["azure-devops", "<entra prefix>/sc/<organization id>/<service connection id>"],
    ["circleci", "org/<ORG_ID>/project/<PROJECT_ID>/user/<USER_ID>"],
    ["keycloak", "<service-account user id>"],
    ["spire", "spiffe://<trust domain>/<path>"],
    ["generic", "<sub>"],
    ["kubernetes-eks", "system:serviceaccount:<namespace>:<service account>"],
  ])("gives the documented format for %s", (kind, format) => {
    expect(freeSubjectHelp(kind).format).toBe(format);
  });

  it("mentions the legacy Azure DevOps sc:// form", () => {
    expect(freeSubjectHelp("azure-devops").help).toContain(
      "sc://<organization>/<project>/<service connection>",
    );
  });

  it("has help for every issuer kind", () => {
    for (const kind of issuerKinds) expect(freeSubjectHelp(kind).help).not.toBe("");
  });
});
