// The GCP writer through the real @googleapis/iam client against the
// emulator (https, its CA): one member of one role on a service account's
// IAM policy is added, removed or replaced by a read-modify-write with the
// etag, everything else in the policy is kept, and a re-run writes nothing.
import { describe, expect, it } from "vitest";
import { createGcpWriter } from "@/lib/clouds/gcp/adapter/writer";
import { members, seedEstate, WIU } from "./estate";
import {
  cloudFailure,
  create,
  emailOf,
  policyCalls,
  remove,
  subjectSpec,
  target,
  unconditionalMembers,
  update,
} from "./gcp-writer-support";
import { PROJECT, setUpGcpEmulator } from "./support";

const fx = setUpGcpEmulator();
const release = subjectSpec("repo:acme/app:ref:refs/heads/release");

function seeded() {
  const { deployer } = seedEstate(fx.emulator.state);
  const before = structuredClone(fx.emulator.state.policies.get(deployer));
  const others = () =>
    fx.emulator.state.policies.get(deployer)?.bindings.filter((b) => b.role !== WIU || b.condition);
  return { before, others };
}

describe("GCP writer: one member on a service account's policy", () => {
  it("adds the member beside the others, keeping conditional bindings, other roles and foreign members", async () => {
    const { before, others } = seeded();
    const writer = createGcpWriter();
    const result = await writer.applyChange(fx.connection, target, create(release));
    expect(result.status).toBe("applied");
    expect(result.after?.key).toBe(`${emailOf("deployer")} ${WIU} ${release.member}`);
    const wiu = before?.bindings.find((b) => b.role === WIU && !b.condition)?.members ?? [];
    expect(unconditionalMembers(fx.emulator)).toEqual([...wiu, release.member]);
    expect(unconditionalMembers(fx.emulator)).toContain("user:alice@example.com");
    expect(unconditionalMembers(fx.emulator)).toContain(members.otherPool);
    expect(others()).toEqual(before?.bindings.filter((b) => b.role !== WIU || b.condition));
    expect(fx.emulator.state.policies.get(emailOf("deployer"))?.version).toBe(3);
    expect(policyCalls(fx.emulator)).toEqual(["get", "set"]);
  });

  it("makes no write when the policy already holds the change", async () => {
    seeded();
    const writer = createGcpWriter();
    await writer.applyChange(fx.connection, target, create(release));
    fx.emulator.requests.length = 0;
    const again = await writer.applyChange(fx.connection, target, create(release));
    expect(again.status).toBe("unchanged");
    expect(policyCalls(fx.emulator)).toEqual(["get"]);
    await writer.applyChange(fx.connection, target, remove(release));
    fx.emulator.requests.length = 0;
    const gone = await writer.applyChange(fx.connection, target, remove(release));
    expect(gone).toEqual({ status: "unchanged", after: null });
    expect(policyCalls(fx.emulator)).toEqual(["get"]);
  });

  it("removes only its member; the foreign ones and the conditional binding stay", async () => {
    const { before, others } = seeded();
    const subject = subjectSpec("repo:acme/app:environment:prod");
    expect(subject.member).toBe(members.subject);
    const result = await createGcpWriter().applyChange(fx.connection, target, remove(subject));
    expect(result).toEqual({ status: "applied", after: null });
    expect(unconditionalMembers(fx.emulator)).toEqual([
      members.attribute,
      members.everyone,
      members.otherPool,
      "user:alice@example.com",
    ]);
    expect(others()).toEqual(before?.bindings.filter((b) => b.role !== WIU || b.condition));
  });

  it("creates the role's binding on an empty policy and drops it with its last member", async () => {
    const email = fx.emulator.state.seedServiceAccount(PROJECT.projectId, "fresh");
    const spec = subjectSpec("repo:acme/app:ref:refs/heads/main", "fresh");
    const writer = createGcpWriter();
    await writer.applyChange(fx.connection, target, create(spec));
    expect(fx.emulator.state.policies.get(email)?.bindings).toEqual([
      { role: WIU, members: [spec.member] },
    ]);
    await writer.applyChange(fx.connection, target, remove(spec));
    expect(fx.emulator.state.policies.get(email)?.bindings).toEqual([]);
  });

  it("counts a revoke on a deleted service account as done, and a grant on one as not found", async () => {
    const gone = subjectSpec("repo:acme/app:ref:refs/heads/main", "deleted");
    const writer = createGcpWriter();
    expect(await writer.applyChange(fx.connection, target, remove(gone))).toEqual({
      status: "unchanged",
      after: null,
    });
    const error = await cloudFailure(writer.applyChange(fx.connection, target, create(gone)));
    expect(error).toMatchObject({ kind: "not-found", code: "NOT_FOUND", status: 404 });
    expect(policyCalls(fx.emulator, "deleted")).toEqual(["get", "get"]);
  });

  it("replaces a member in one setIamPolicy", async () => {
    seeded();
    const from = subjectSpec("repo:acme/app:environment:prod");
    const to = subjectSpec("repo:acme/app:environment:staging");
    const result = await createGcpWriter().applyChange(fx.connection, target, update(from, to));
    expect(result.status).toBe("applied");
    expect(unconditionalMembers(fx.emulator)).not.toContain(from.member);
    expect(unconditionalMembers(fx.emulator)).toContain(to.member);
    expect(unconditionalMembers(fx.emulator)).toContain("user:alice@example.com");
    expect(policyCalls(fx.emulator)).toEqual(["get", "set"]);
  });

  it("moves a member to another account by granting there first, then revoking here", async () => {
    seeded();
    fx.emulator.state.seedServiceAccount(PROJECT.projectId, "other");
    const from = subjectSpec("repo:acme/app:environment:prod");
    const to = { ...from, serviceAccountEmail: emailOf("other") };
    await createGcpWriter().applyChange(fx.connection, target, update(from, to));
    expect(unconditionalMembers(fx.emulator, "other")).toEqual([from.member]);
    expect(unconditionalMembers(fx.emulator)).not.toContain(from.member);
    const order = fx.emulator.requests
      .filter((r) => r.path.endsWith(":setIamPolicy"))
      .map((r) => r.path.includes("other@"));
    expect(order).toEqual([true, false]);
  });
});
