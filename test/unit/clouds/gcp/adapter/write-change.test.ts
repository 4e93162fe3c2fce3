import { describe, expect, it } from "vitest";
import type { CatalogTargetRef, PlannedChange } from "@/lib/clouds/adapter-types";
import { changeEdits, describeGcpChange } from "@/lib/clouds/gcp/adapter/write-change";

const WIU = "roles/iam.workloadIdentityUser";
const pool =
  "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject";
const spec = (subject: string, email = "Deployer@p.iam.gserviceaccount.com") => ({
  cloud: "gcp",
  name: subject,
  serviceAccountEmail: email,
  role: WIU,
  memberKind: "subject",
  member: `${pool}/${subject}`,
});
const binding = (s: unknown) => ({ key: "k", spec: s, cloudObject: {} });
const target: CatalogTargetRef = {
  kind: "gcp-provider",
  config: {},
  externalId: "x",
  bindings: [
    { name: "kept", spec: spec("kept") },
    { name: "b", spec: spec("b") },
  ],
};
const email = "deployer@p.iam.gserviceaccount.com";

describe("changeEdits", () => {
  it("replaces a member in one write on the same account", () => {
    const change: PlannedChange = {
      op: "update",
      key: "k",
      actual: binding(spec("a")),
      desired: binding(spec("b")),
    };
    expect(changeEdits(change)).toEqual([
      {
        email,
        edits: [
          { op: "remove", role: WIU, member: `${pool}/a` },
          { op: "add", role: WIU, member: `${pool}/b` },
        ],
      },
    ]);
  });

  it("refuses a binding without a member", () => {
    const { member: _member, ...bare } = spec("a");
    expect(() => changeEdits({ op: "create", key: "k", desired: binding(bare) })).toThrow(
      "no IAM member",
    );
  });
});

describe("describeGcpChange", () => {
  it("names the call and the role's members before and after, as the catalogue manages them", () => {
    const change: PlannedChange = { op: "create", key: "k", desired: binding(spec("b")) };
    expect(describeGcpChange(target, change)).toEqual({
      call: `setIamPolicy on service account ${email}: add member ${pool}/b to ${WIU} (other members and conditional bindings are kept).`,
      before: { serviceAccount: email, role: WIU, members: [`${pool}/kept`] },
      after: { serviceAccount: email, role: WIU, members: [`${pool}/b`, `${pool}/kept`] },
    });
  });

  it("shows a delete as the member leaving", () => {
    const change: PlannedChange = { op: "delete", key: "k", actual: binding(spec("gone")) };
    const described = describeGcpChange(target, change);
    expect(described.call).toContain(`remove member ${pool}/gone from ${WIU}`);
    expect(described.before).toMatchObject({
      members: [`${pool}/b`, `${pool}/gone`, `${pool}/kept`],
    });
    expect(described.after).toMatchObject({ members: [`${pool}/b`, `${pool}/kept`] });
  });
});

describe("describeGcpChange of an update the provider's settings cause", () => {
  it("names the provider patch before the policy write", () => {
    const withCondition = (condition: string) => ({
      key: "k",
      spec: spec("b"),
      cloudObject: { attributeCondition: condition, serviceAccountIamPolicy: {} },
    });
    const change: PlannedChange = {
      op: "update",
      key: "k",
      actual: withCondition("assertion.repository_owner == 'old'"),
      desired: withCondition("assertion.repository_owner == 'acme'"),
    };
    expect(describeGcpChange(target, change).call).toMatch(
      /^workloadIdentityPoolProviders\.patch of the provider's mapping, condition and audiences; setIamPolicy/,
    );
    const same = { ...change, actual: withCondition("assertion.repository_owner == 'acme'") };
    expect(describeGcpChange(target, same).call).toMatch(/^setIamPolicy/);
  });
});
