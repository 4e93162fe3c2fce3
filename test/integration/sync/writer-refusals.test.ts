// The writers' last check before they write (SECURITY.md 4: never change or
// delete what Fedlens does not own): a plan is approved for the objects the
// cloud held then, so when someone changes the object in the cloud between
// the approval and the write, the change is refused, the cloud's object is
// left as that someone made it, and the operator is asked to plan again.
// Each case changes the object right after the approval (which checks the
// plan is fresh), through the backend itself, as another console would.
import { UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteBinding } from "@/lib/catalog/bindings/delete-binding";
import { getTarget } from "@/lib/catalog/targets/get-target";
import { getDb } from "@/lib/db/client";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";
import { startApply } from "@/lib/sync/apply/start-apply";
import type { TBinding } from "@/lib/schemas/binding";
import { createTestUser, type TestUser } from "@/test/factories/users";
import { GITHUB_ARN, trustDocument } from "@/test/integration/clouds/aws/aws-adapter-fixture";
import { trustPolicyOf } from "@/test/integration/emulators/aws-writer-changes";
import { approveAndRun, bindingRow, operationsOf, planOfTarget, planStatus } from "./apply-support";
import type { ApplyWorld } from "./apply-worlds";
import { awsApplyWorld, type AwsApplyWorld } from "./apply-worlds-aws";
import {
  azureApplyWorld,
  azureAppApplyWorld,
  type AzureApplyWorld,
  type AzureAppApplyWorld,
} from "./apply-worlds-azure";
import { gcpApplyWorld } from "./apply-worlds-gcp";
import { PROJECT } from "@/test/integration/clouds/gcp/support";
import { ficProperties } from "./drift-worlds";
import { caller, setUpSyncEnvironment } from "./sync-support";

const env = setUpSyncEnvironment();
const intruder = "repo:intruder/other:ref:refs/heads/main";

let operator: TestUser;
beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
});

/**
 * A world, and how someone else puts their own object under a binding's key
 * (`meddle`) or deletes the object (`remove`), straight in the backend.
 */
type Case = {
  world: ApplyWorld;
  meddle(targetId: string, binding: TBinding): Promise<void>;
  remove(targetId: string, binding: TBinding): Promise<void>;
};

function azureCase(world: AzureApplyWorld): Case {
  return {
    world,
    async meddle(_targetId, binding) {
      world.base().emulator.store.seedFic(world.identity(), {
        name: binding.spec.name as string,
        properties: ficProperties(intruder),
      });
    },
    async remove(_targetId, binding) {
      world.base().emulator.store.removeFic(world.identity(), binding.spec.name as string);
    },
  };
}

// Through Microsoft Graph a credential is addressed by id or by name; whoever
// replaces it under the same name makes a new object with a new id.
function azureAppCase(world: AzureAppApplyWorld): Case {
  const graph = () => world.base().emulator.graph;
  const drop = (name: string) => {
    const app = graph().application(world.objectId())!;
    const held = graph().find(app, name);
    if (held) app.fics.delete(held.id);
  };
  return {
    world,
    async meddle(_targetId, binding) {
      drop(binding.spec.name as string);
      graph().seedFic(world.objectId(), {
        name: binding.spec.name as string,
        properties: ficProperties(intruder),
      });
    },
    async remove(_targetId, binding) {
      drop(binding.spec.name as string);
    },
  };
}

function awsCase(world: AwsApplyWorld): Case {
  /** Writes the role's trust policy with the binding's statement replaced (or dropped). */
  async function rewrite(targetId: string, binding: TBinding, theirs: object | null) {
    const { roleName } = (await getTarget({ id: targetId })).config as { roleName: string };
    const sid = binding.spec.sid as string;
    const { Statement } = await trustPolicyOf(world.iam(), roleName);
    const others = Statement.filter((statement) => statement.Sid !== sid);
    await world.iam().send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: roleName,
        PolicyDocument: trustDocument(theirs ? [...others, theirs] : others),
      }),
    );
  }
  return {
    world,
    meddle: (targetId, binding) =>
      rewrite(targetId, binding, {
        Sid: binding.spec.sid,
        Effect: "Allow",
        Principal: { Federated: GITHUB_ARN },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:sub": intruder } },
      }),
    remove: (targetId, binding) => rewrite(targetId, binding, null),
  };
}

const cases: Case[] = [
  azureCase(azureApplyWorld()),
  azureAppCase(azureAppApplyWorld()),
  awsCase(awsApplyWorld("emulator")),
  awsCase(awsApplyWorld("moto")),
];

/** Approves the target's plan, lets `meddle` run, then runs the apply; returns its one operation. */
async function applyAfter(targetId: string, op: string, meddle: () => Promise<void>) {
  const plan = await planOfTarget(env.admin(), targetId);
  expect(plan.summary).toMatchObject({ [op]: 1, pending: 1 });
  await startApply({ ...caller(operator), planId: plan.id, mode: "pending", enqueue: false });
  await meddle();
  await runApplyJob({ planId: plan.id });
  const operations = await operationsOf(plan.id);
  return { planId: plan.id, operation: operations.find((o) => o.op === op)! };
}

async function expectRefused(result: Awaited<ReturnType<typeof applyAfter>>) {
  expect(result.operation.status).toBe("failed");
  expect(result.operation.error).toMatchObject({
    kind: "conflict",
    code: "FedlensChangedInCloud",
    cause: expect.stringContaining("changed in the cloud since the plan"),
    fix: expect.stringContaining("Plan again"),
  });
  expect(await planStatus(result.planId)).toBe("failed");
}

/** Creates and applies one binding; returns it and its target. */
async function applied(world: ApplyWorld) {
  const targetId = await world.setUp(env.admin());
  const binding = await world.addBinding();
  const plan = await planOfTarget(env.admin(), targetId);
  await approveAndRun(operator, plan.id);
  expect(await world.objectOf(binding)).not.toBeNull();
  return { targetId, binding };
}

/** Deletes the binding from the catalogue: the next plan deletes its object. */
async function deleteOwn(binding: TBinding) {
  const row = await getDb().binding.findUniqueOrThrow({ where: { id: binding.id } });
  await deleteBinding({ ...caller(env.admin()), id: binding.id, expectedVersion: row.version });
}

describe.each(cases)("the writer of a $world.name", ({ world, meddle, remove }) => {
  if (world.skip) {
    it.skip(`skipped: ${world.skip}`, () => {});
    return;
  }
  beforeAll(() => world.start(), 120_000);
  afterAll(() => world.stop());

  /** Someone else's object goes under the key after the approval: refused, and theirs is kept. */
  async function expectRefusedOver(targetId: string, op: string, binding: TBinding) {
    let theirs: unknown;
    const result = await applyAfter(targetId, op, async () => {
      await meddle(targetId, binding);
      theirs = await world.objectOf(binding);
    });
    await expectRefused(result);
    expect(theirs).not.toBeNull();
    expect(await world.objectOf(binding)).toEqual(theirs);
  }

  it("refuses to create over an object of the same name that differs from the planned one", async () => {
    const targetId = await world.setUp(env.admin());
    const binding = await world.addBinding();
    await expectRefusedOver(targetId, "create", binding);
    expect(await bindingRow(binding.id)).toMatchObject({ syncState: "error" });
  }, 60_000);

  it("refuses to update an object changed in the cloud since the plan", async () => {
    const { targetId, binding } = await applied(world);
    await world.edit(env.admin(), binding);
    await expectRefusedOver(targetId, "update", binding);
  }, 60_000);

  it("refuses to delete an object changed in the cloud since the plan", async () => {
    const { targetId, binding } = await applied(world);
    await deleteOwn(binding);
    await expectRefusedOver(targetId, "delete", binding);
  }, 60_000);

  it("counts a delete whose object is already gone as done, without a write", async () => {
    const { targetId, binding } = await applied(world);
    await deleteOwn(binding);
    let writes: number | null = null;
    const result = await applyAfter(targetId, "delete", async () => {
      await remove(targetId, binding);
      writes = world.writes();
    });
    expect(result.operation).toMatchObject({ status: "unchanged", error: null });
    expect(world.writes()).toBe(writes);
    expect(await world.objectOf(binding)).toBeNull();
  }, 60_000);
});

// A GCP grant is all key (account, role, member): a create or a delete cannot
// meet a different object under its key. What can change under an apply is
// the provider whose settings the change patches, or creates.
describe("the writer of a GCP provider", () => {
  const world = gcpApplyWorld();
  beforeAll(() => world.start(), 120_000);
  afterAll(() => world.stop());

  const theirCondition = "assertion.repository_owner == 'someone-else'";
  async function providerOf(targetId: string) {
    const { poolId, providerId } = (await getTarget({ id: targetId })).config as {
      poolId: string;
      providerId: string;
    };
    const name = `projects/${PROJECT.projectNumber}/locations/global/workloadIdentityPools/${poolId}/providers/${providerId}`;
    return { name, poolId, providerId, read: () => world.emulator().state.providers.get(name) };
  }

  it("refuses to patch a provider changed in the cloud since the plan", async () => {
    const { targetId, binding } = await applied(world);
    await world.edit(env.admin(), binding);
    const provider = await providerOf(targetId);
    const result = await applyAfter(targetId, "update", async () => {
      provider.read()!.attributeCondition = theirCondition;
    });
    await expectRefused(result);
    expect(provider.read()?.attributeCondition).toBe(theirCondition);
  }, 60_000);

  it("refuses to create a provider over one someone else created meanwhile with other settings", async () => {
    const targetId = await world.setUp(env.admin());
    const provider = await providerOf(targetId);
    const seeded = structuredClone(provider.read()!);
    world.emulator().state.providers.delete(provider.name);
    const binding = await world.addBinding();
    const result = await applyAfter(targetId, "create", async () => {
      world.emulator().state.providers.set(provider.name, {
        ...seeded,
        attributeCondition: theirCondition,
      });
    });
    await expectRefused(result);
    expect(provider.read()?.attributeCondition).toBe(theirCondition);
    expect(await world.objectOf(binding)).toBeNull();
  }, 60_000);
});
