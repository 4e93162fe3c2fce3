import { describe, expect, it } from "vitest";
import {
  editPolicy,
  roleMembers,
  type WritablePolicy,
} from "@/lib/clouds/gcp/adapter/write-policy";

const WIU = "roles/iam.workloadIdentityUser";
const M =
  "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/a";
const conditional = {
  role: WIU,
  members: [M],
  condition: { expression: "request.time < timestamp('2030-01-01T00:00:00Z')", title: "t" },
};
const policy: WritablePolicy = {
  etag: "BwX1",
  version: 1,
  bindings: [
    { role: WIU, members: ["user:alice@example.com"] },
    conditional,
    { role: "roles/iam.serviceAccountTokenCreator", members: [M] },
  ],
  auditConfigs: [{ service: "allServices" }],
};

describe("editPolicy", () => {
  it("adds to the role's unconditional binding and keeps every other part, etag included", () => {
    const next = editPolicy(policy, [{ op: "add", role: WIU, member: M }]);
    expect(next).toEqual({
      ...policy,
      version: 3,
      bindings: [
        { role: WIU, members: ["user:alice@example.com", M] },
        conditional,
        policy.bindings?.[2],
      ],
    });
  });

  it("answers null when the member is already there (a conditional grant does not count)", () => {
    const holding = editPolicy(policy, [{ op: "add", role: WIU, member: M }]);
    expect(holding && editPolicy(holding, [{ op: "add", role: WIU, member: M }])).toBeNull();
    expect(editPolicy(policy, [{ op: "remove", role: WIU, member: M }])).toBeNull();
  });

  it("creates the role's binding when absent and drops it when its last member leaves", () => {
    const empty: WritablePolicy = { etag: "ACAB" };
    const added = editPolicy(empty, [{ op: "add", role: WIU, member: M }]);
    expect(added).toEqual({ etag: "ACAB", version: 3, bindings: [{ role: WIU, members: [M] }] });
    expect(added && editPolicy(added, [{ op: "remove", role: WIU, member: M }])?.bindings).toEqual(
      [],
    );
  });

  it("removes the old member and adds the new one in one edit", () => {
    const next = editPolicy(policy, [
      { op: "remove", role: WIU, member: "user:alice@example.com" },
      { op: "add", role: WIU, member: M },
    ]);
    expect(next && roleMembers(next, WIU)).toEqual([M]);
    expect(next?.bindings).toContainEqual(conditional);
  });
});
