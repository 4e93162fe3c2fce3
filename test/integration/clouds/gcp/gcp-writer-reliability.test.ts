// The GCP writer when the cloud pushes back: a stale etag (someone wrote
// between the writer's read and its write) is re-read and re-applied;
// concurrent changes on one account are serialised and all land while
// another account runs beside them; 429 waits what Retry-After asks (seconds
// or an HTTP-date); a 500 is retried to exactly one member; a refusal
// (INVALID_ARGUMENT, PERMISSION_DENIED) is not retried.
import { describe, expect, it } from "vitest";
import { CONFLICT_ATTEMPTS } from "@/lib/clouds/gcp/adapter/write-binding";
import { createGcpWriter } from "@/lib/clouds/gcp/adapter/writer";
import { seedEstate, WIU } from "./estate";
import {
  cloudFailure,
  create,
  emailOf,
  policyCalls,
  recordingSleep,
  subjectSpec,
  target,
  unconditionalMembers,
} from "./gcp-writer-support";
import { PROJECT, setUpGcpEmulator } from "./support";

const fx = setUpGcpEmulator();
const release = subjectSpec("repo:acme/app:ref:refs/heads/release");
const onSet = { pathIncludes: ":setIamPolicy" };

/** Another writer adding `member` to the role, as a hook between the writer's read and write. */
function someoneAdds(member: string) {
  return () => {
    const { state } = fx.emulator;
    const current = state.policies.get(emailOf("deployer"));
    const bindings = (current?.bindings ?? []).map((b) =>
      b.role === WIU && !b.condition ? { ...b, members: [...b.members, member] } : b,
    );
    state.setPolicy(emailOf("deployer"), bindings, 3);
  };
}

describe("GCP writer under conflicts", () => {
  it("re-reads after a stale etag and lands its member beside the other writer's", async () => {
    seedEstate(fx.emulator.state);
    fx.emulator.faults.add({ kind: "hook", run: someoneAdds("user:bob@example.com") }, onSet, 1);
    const result = await createGcpWriter(recordingSleep()).applyChange(
      fx.connection,
      target,
      create(release),
    );
    expect(result.status).toBe("applied");
    expect(unconditionalMembers(fx.emulator)).toEqual(
      expect.arrayContaining(["user:bob@example.com", release.member]),
    );
    expect(policyCalls(fx.emulator)).toEqual(["get", "set", "get", "set"]);
  });

  it("gives up with ABORTED after a bounded number of rounds when the policy keeps changing", async () => {
    seedEstate(fx.emulator.state);
    let n = 0;
    fx.emulator.faults.add(
      { kind: "hook", run: () => someoneAdds(`user:u${n++}@example.com`)() },
      onSet,
    );
    const error = await cloudFailure(
      createGcpWriter(recordingSleep()).applyChange(fx.connection, target, create(release)),
    );
    expect(error).toMatchObject({ kind: "conflict", code: "ABORTED", status: 409 });
    expect(policyCalls(fx.emulator).filter((c) => c === "set")).toHaveLength(CONFLICT_ATTEMPTS);
  });

  it("serialises three changes on one account (all land) while another account runs beside it", async () => {
    const { state } = fx.emulator;
    state.seedServiceAccount(PROJECT.projectId, "alpha");
    state.seedServiceAccount(PROJECT.projectId, "beta");
    // A little latency per policy call, so unserialised writers would overlap.
    fx.emulator.faults.add({ kind: "latency", ms: 15 }, { pathIncludes: "IamPolicy" });
    const subjects = ["one", "two", "three"];
    const changes = ["alpha", "beta"].flatMap((account) =>
      subjects.map((s) => create(subjectSpec(`repo:acme/${s}:ref:refs/heads/main`, account))),
    );
    const writer = createGcpWriter();
    const results = await Promise.all(
      changes.map((change) => writer.applyChange(fx.connection, target, change)),
    );
    expect(results.map((r) => r.status)).toEqual(changes.map(() => "applied"));
    for (const account of ["alpha", "beta"]) {
      expect(unconditionalMembers(fx.emulator, account)).toHaveLength(3);
      // One read-modify-write at a time: never two reads before a write, never a 409.
      expect(policyCalls(fx.emulator, account)).toEqual(["get", "set", "get", "set", "get", "set"]);
    }
    // The two accounts ran side by side: beta's first read came before alpha's last write.
    const paths = fx.emulator.requests.map((r) => r.path);
    const betaFirst = paths.findIndex((p) => p.includes("beta@"));
    const alphaLast = paths.findLastIndex((p) => p.includes("alpha@"));
    expect(betaFirst).toBeLessThan(alphaLast);
  });
});

describe("GCP writer retries", () => {
  it("waits a 429's Retry-After in seconds, then writes", async () => {
    seedEstate(fx.emulator.state);
    fx.emulator.faults.add({ kind: "status", status: 429, retryAfterSeconds: 7 }, onSet, 1);
    const sleep = recordingSleep();
    await createGcpWriter(sleep).applyChange(fx.connection, target, create(release));
    expect(sleep.waits).toHaveLength(1);
    expect(sleep.waits[0]).toBeGreaterThanOrEqual(7000);
    expect(unconditionalMembers(fx.emulator)).toContain(release.member);
    expect(policyCalls(fx.emulator)).toEqual(["get", "set", "set"]);
  });

  it("waits a 429's Retry-After given as an HTTP-date, then writes", async () => {
    seedEstate(fx.emulator.state);
    const at = new Date(Date.now() + 12_000).toUTCString();
    fx.emulator.faults.add({ kind: "status", status: 429, retryAfter: at }, onSet, 1);
    const sleep = recordingSleep();
    await createGcpWriter(sleep).applyChange(fx.connection, target, create(release));
    expect(sleep.waits).toHaveLength(1);
    // The date has whole seconds: at least 11 s of the 12 remain.
    expect(sleep.waits[0]).toBeGreaterThanOrEqual(10_000);
    expect(unconditionalMembers(fx.emulator)).toContain(release.member);
  });

  it("retries a 500 and grants the member exactly once", async () => {
    seedEstate(fx.emulator.state);
    fx.emulator.faults.add({ kind: "status", status: 500 }, onSet, 1);
    const result = await createGcpWriter(recordingSleep()).applyChange(
      fx.connection,
      target,
      create(release),
    );
    expect(result.status).toBe("applied");
    expect(unconditionalMembers(fx.emulator).filter((m) => m === release.member)).toHaveLength(1);
    expect(policyCalls(fx.emulator)).toEqual(["get", "set", "set"]);
  });

  it("counts a write whose 500 hid that it landed as applied, and writes it once", async () => {
    seedEstate(fx.emulator.state);
    // The write lands (the hook makes it) but the answer is lost to a 500.
    fx.emulator.faults.add({ kind: "hook", run: someoneAdds(release.member ?? "") }, onSet, 1);
    fx.emulator.faults.add({ kind: "status", status: 500 }, onSet, 1);
    const result = await createGcpWriter(recordingSleep()).applyChange(
      fx.connection,
      target,
      create(release),
    );
    expect(result.status).toBe("applied");
    expect(unconditionalMembers(fx.emulator).filter((m) => m === release.member)).toHaveLength(1);
    // The retried write meets the new etag (409), the re-read finds the member there.
    expect(policyCalls(fx.emulator)).toEqual(["get", "set", "set", "get"]);
  });

  it("does not retry INVALID_ARGUMENT for a member IAM does not accept", async () => {
    seedEstate(fx.emulator.state);
    const bad = { ...release, member: "repo:acme/app:ref:refs/heads/main" };
    const error = await cloudFailure(
      createGcpWriter(recordingSleep()).applyChange(fx.connection, target, create(bad)),
    );
    expect(error).toMatchObject({ kind: "invalid", code: "INVALID_ARGUMENT", status: 400 });
    expect(error.fix).toContain("principal");
    expect(policyCalls(fx.emulator)).toEqual(["get", "set"]);
  });

  it("does not retry PERMISSION_DENIED and names the permissions to grant", async () => {
    seedEstate(fx.emulator.state);
    fx.emulator.faults.add({ kind: "forbidden" }, onSet);
    const error = await cloudFailure(
      createGcpWriter(recordingSleep()).applyChange(fx.connection, target, create(release)),
    );
    expect(error).toMatchObject({ kind: "denied", code: "PERMISSION_DENIED", status: 403 });
    expect(error.message).toContain("iam.serviceAccounts.setIamPolicy");
    expect(error.fix).toContain("iam.serviceAccounts.setIamPolicy");
    expect(policyCalls(fx.emulator)).toEqual(["get", "set"]);
  });
});
