// Apply against the GCP emulator when someone else writes the service
// account's IAM policy between Fedlens's read and its write: the stale etag
// is refused (409 ABORTED), and the apply reads again and lands its member
// beside the other writer's, with no member of either lost.
// https://cloud.google.com/iam/docs/policies#etag
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "@/test/factories/users";
import {
  applyEventsSince,
  approveAndRun,
  lastSeq,
  operationsOf,
  planOfTarget,
  planStatus,
} from "./apply-support";
import { gcpApplyWorld } from "./apply-worlds-gcp";
import { WIU } from "./drift-worlds";
import { setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = gcpApplyWorld();
beforeAll(() => world.start());
afterAll(() => world.stop());

describe("an apply whose IAM policy changes under it", () => {
  it("re-reads after the stale etag and keeps the other writer's member", async () => {
    const operator = await createTestUser({ role: "operator" });
    const targetId = await world.setUp(env.admin());
    const binding = await world.addBinding();
    const emulator = world.emulator();
    const account = world.serviceAccount();
    const bob = "user:bob@example.com";
    emulator.faults.add(
      {
        kind: "hook",
        run: () => {
          const bindings = emulator.state.policies
            .get(account)!
            .bindings.map((b) =>
              b.role === WIU && !b.condition ? { ...b, members: [...b.members, bob] } : b,
            );
          emulator.state.setPolicy(account, bindings, 3);
        },
      },
      { pathIncludes: ":setIamPolicy" },
      1,
    );
    const plan = await planOfTarget(env.admin(), targetId);
    const seq = await lastSeq();

    await approveAndRun(operator, plan.id);

    expect(await planStatus(plan.id)).toBe("applied");
    expect(await operationsOf(plan.id)).toMatchObject([{ op: "create", status: "applied" }]);
    expect(await applyEventsSince(seq)).toHaveLength(1);
    const sets = emulator.requests.filter((r) => r.path.endsWith(`${account}:setIamPolicy`));
    expect(sets).toHaveLength(2);
    const members = emulator.state.policies
      .get(account)!
      .bindings.filter((b) => b.role === WIU && !b.condition)
      .flatMap((b) => b.members);
    expect(members.sort()).toEqual(
      [bob, binding.spec.member as string, "user:alice@example.com"].sort(),
    );
  });
});
