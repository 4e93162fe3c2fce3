import { describe, expect, it } from "vitest";
import type { CatalogTargetRef, PlannedChange } from "@/lib/clouds/adapter-types";
import { describeAwsChange } from "@/lib/clouds/aws/adapter/write-describe";
import type { TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";

const ACCOUNT = "123456789012";
const GITHUB = "https://token.actions.githubusercontent.com";
const config: TAwsRoleConfig = {
  accountId: ACCOUNT,
  roleName: "deploy",
  path: "/ci/",
  oidcProviders: [{ url: GITHUB, clientIds: ["sts.amazonaws.com"], thumbprints: [] }],
};
const spec = (sid: string, sub: string, audiences = ["sts.amazonaws.com"]): TAwsBindingSpec => ({
  cloud: "aws",
  sid,
  providerUrl: GITHUB,
  mode: "builder",
  builder: { audiences, subjectOperator: "StringEquals", subjects: [sub], extraConditions: [] },
});
const sibling = spec("Sibling", "repo:o/other:ref:refs/heads/main");
const target: CatalogTargetRef = {
  kind: "aws-role",
  config,
  externalId: `arn:aws:iam::${ACCOUNT}:role/ci/deploy`,
  bindings: [{ name: "Sibling", spec: sibling }],
};
const binding = (s: TAwsBindingSpec) => ({ key: s.sid, spec: s, cloudObject: {} });

describe("describeAwsChange", () => {
  it("names the provider calls and the UpdateAssumeRolePolicy of a new statement", () => {
    const desired = spec("Fedlens1", "repo:o/app:ref:refs/heads/main", ["fedlens-ci"]);
    const change: PlannedChange = { op: "create", key: "Fedlens1", desired: binding(desired) };
    const described = describeAwsChange(target, change);
    expect(described.call.split("\n")).toEqual([
      `CreateOpenIDConnectProvider for ${GITHUB} with client ids sts.amazonaws.com, fedlens-ci, if the account does not have it yet`,
      `AddClientIDToOpenIDConnectProvider on arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com: add client id fedlens-ci, if the provider does not list it`,
      `UpdateAssumeRolePolicy on role arn:aws:iam::${ACCOUNT}:role/ci/deploy: add statement Fedlens1`,
    ]);
    const sids = (side: unknown) =>
      (side as { trustPolicy: { Statement: { Sid: string }[] } }).trustPolicy.Statement.map(
        (s) => s.Sid,
      );
    expect(sids(described.before)).toEqual(["Sibling"]);
    expect(sids(described.after)).toEqual(["Sibling", "Fedlens1"]);
    expect(described.before).toMatchObject({ statement: null });
    expect(described.after).toMatchObject({
      statement: { Sid: "Fedlens1", Condition: { StringEquals: expect.any(Object) } },
    });
  });

  it("shows the statement before and after an update, and removes it on delete", () => {
    const old = spec("Fedlens1", "repo:o/app:ref:refs/heads/main");
    const next = spec("Fedlens1", "repo:o/app:environment:prod");
    const update = describeAwsChange(target, {
      op: "update",
      key: "Fedlens1",
      actual: binding(old),
      desired: binding(next),
    });
    expect(update.call).toMatch(/: replace statement Fedlens1$/);
    expect(JSON.stringify(update.before)).toContain("refs/heads/main");
    expect(JSON.stringify(update.after)).toContain("environment:prod");
    const removal = describeAwsChange(target, {
      op: "delete",
      key: "Fedlens1",
      actual: binding(old),
    });
    expect(removal.call).toBe(
      `UpdateAssumeRolePolicy on role arn:aws:iam::${ACCOUNT}:role/ci/deploy: remove statement Fedlens1`,
    );
    expect(removal.after).toMatchObject({
      statement: null,
      trustPolicy: { Statement: [{ Sid: "Sibling" }] },
    });
  });
});
