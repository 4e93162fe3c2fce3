import { describe, expect, it } from "vitest";
import { ZGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { grantKey, readGrant, type Grant } from "@/lib/clouds/gcp/adapter/grants";
import {
  principalForSubject,
  principalSetForAttribute,
  principalSetForGroup,
  principalSetForPool,
} from "@/lib/clouds/gcp/principals";

const pool = { projectNumber: "123456789012", poolId: "github-pool" };
const SA = "deployer@acme.iam.gserviceaccount.com";
const WIU = "roles/iam.workloadIdentityUser";
const grant = (member: string, extra: Partial<Grant> = {}): Grant => ({
  serviceAccountEmail: SA,
  role: WIU,
  member,
  ...extra,
});
const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

describe("readGrant", () => {
  it("reads a principal:// subject as a subject binding", () => {
    const member = principalForSubject(pool, "repo:acme/app:environment:prod");
    const reading = readGrant(grant(member), pool);
    expect(reading).toMatchObject({
      kind: "binding",
      spec: { cloud: "gcp", memberKind: "subject", member, serviceAccountEmail: SA, role: WIU },
    });
    if (reading.kind !== "binding") return;
    expect(ZGcpBindingSpec.safeParse(reading.spec).success).toBe(true);
    expect(reading.spec.name).toMatch(NAME);
    expect(reading.spec.name).toMatch(/^subject-repo-acme-app-environment-prod-[0-9a-f]{8}$/);
  });

  it("reads a principalSet:// attribute as an attribute binding with its name and value", () => {
    const member = principalSetForAttribute(pool, "repository", "acme/app");
    expect(readGrant(grant(member), pool)).toMatchObject({
      kind: "binding",
      spec: {
        memberKind: "attribute",
        attributeName: "repository",
        attributeValue: "acme/app",
        member,
      },
    });
  });

  it("reads principalSet://…/* as a pool binding and keeps a role other than workloadIdentityUser", () => {
    const member = principalSetForPool(pool);
    const role = "roles/iam.serviceAccountTokenCreator";
    expect(readGrant(grant(member, { role }), pool)).toMatchObject({
      kind: "binding",
      spec: { memberKind: "pool", role, member },
    });
  });

  it("sets apart a conditional grant, a group, and another pool's identity as foreign", () => {
    const condition = { expression: "request.time < timestamp('2030-01-01T00:00:00Z')" };
    const conditional = readGrant(grant(principalForSubject(pool, "x"), { condition }), pool);
    expect(conditional).toMatchObject({ kind: "foreign", otherPool: false });
    const group = readGrant(grant(principalSetForGroup(pool, "admins")), pool);
    expect(group).toMatchObject({ kind: "foreign", otherPool: false });
    const elsewhere = readGrant(
      grant(principalForSubject({ ...pool, poolId: "other-pool" }, "x")),
      pool,
    );
    expect(elsewhere).toMatchObject({ kind: "foreign", otherPool: true });
    const otherProject = readGrant(
      grant(principalForSubject({ ...pool, projectNumber: "1" }, "x")),
      pool,
    );
    expect(otherProject).toMatchObject({ kind: "foreign", otherPool: true });
  });

  it.each([
    "user:alice@example.com",
    "serviceAccount:ci@acme.iam.gserviceaccount.com",
    "group:ops@example.com",
    "principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/alice",
    "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github-pool/nope/x",
  ])("leaves %s alone: it is not a workload identity", (member) => {
    expect(readGrant(grant(member), pool)).toEqual({ kind: "unrelated" });
  });

  it("names a grant the same way every time and differently for another service account", () => {
    const member = principalForSubject(pool, "Repo:ACME/App:ref:refs/heads/main" + "x".repeat(80));
    const first = readGrant(grant(member), pool);
    const again = readGrant(grant(member), pool);
    const other = readGrant(
      grant(member, { serviceAccountEmail: "other@acme.iam.gserviceaccount.com" }),
      pool,
    );
    if (first.kind !== "binding" || again.kind !== "binding" || other.kind !== "binding")
      throw new Error("not bindings");
    expect(first.spec.name).toMatch(NAME);
    expect(again.spec.name).toBe(first.spec.name);
    expect(other.spec.name).not.toBe(first.spec.name);
  });
});

describe("grantKey", () => {
  it("is the service account, the role and the member", () => {
    expect(grantKey(grant("principal://x"))).toBe(`${SA} ${WIU} principal://x`);
    expect(grantKey(grant("principal://x", { serviceAccountEmail: SA.toUpperCase() }))).toBe(
      grantKey(grant("principal://x")),
    );
  });
});
