// Editing an owned binding so that its cloud key changes (a new statement
// Sid) moves it to a new cloud object: the next apply creates the new one
// and deletes the old one Fedlens owned, instead of leaving it trusted
// forever; changing the key back before applying keeps the old object.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTestUser, type TestUser } from "@/test/factories/users";
import { approveAndRun, planOfTarget } from "./apply-support";
import { editBinding } from "./apply-worlds";
import { awsApplyWorld } from "./apply-worlds-aws";
import { setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const world = awsApplyWorld("emulator");
let operator: TestUser;

beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
  await world.start();
});
afterAll(() => world.stop());

const reload = (id: string) => getDb().binding.findUniqueOrThrow({ where: { id } });

describe("a binding whose key changes", () => {
  it("plans the new object's create and the old one's delete, and the apply leaves only the new one", async () => {
    const targetId = await world.setUp(env.admin());
    const binding = await world.addBinding();
    await approveAndRun(operator, (await planOfTarget(env.admin(), targetId)).id);
    const created = await reload(binding.id);
    expect(created.owned).toBe(true);
    const oldSid = binding.spec.sid as string;

    const edited = await editBinding(
      env.admin(),
      { ...binding, version: created.version },
      {
        ...binding.spec,
        sid: `${oldSid}Renamed`,
      },
    );
    expect((await reload(binding.id)).owned).toBe(false);
    const plan = await planOfTarget(env.admin(), targetId);
    expect(plan.summary).toMatchObject({ create: 1, delete: 1, pending: 2 });
    await approveAndRun(operator, plan.id);

    expect(await world.objectOf(edited)).not.toBeNull();
    expect(await world.objectOf(binding)).toBeNull();
    expect(await world.foreign()).toHaveLength(1);
    expect(await getDb().bindingTombstone.count({ where: { targetId } })).toBe(0);
  });

  it("keeps the old object when the key is changed back before an apply", async () => {
    const targetId = await world.setUp(env.admin());
    const binding = await world.addBinding();
    await approveAndRun(operator, (await planOfTarget(env.admin(), targetId)).id);
    const sid = binding.spec.sid as string;
    const renamed = await editBinding(
      env.admin(),
      { ...binding, version: (await reload(binding.id)).version },
      { ...binding.spec, sid: `${sid}Renamed` },
    );
    await editBinding(env.admin(), renamed, { ...binding.spec, sid });

    expect((await reload(binding.id)).owned).toBe(true);
    const plan = await planOfTarget(env.admin(), targetId);
    expect(plan.summary).toMatchObject({ pending: 0 });
  });
});
