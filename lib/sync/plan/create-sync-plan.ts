import "server-only";
import type { MutationCaller } from "@/lib/catalog/audited-mutation";
import { auditedMutation } from "@/lib/catalog/audited-mutation";
import { assertRole } from "@/lib/auth/assert-role";
import type { Prisma } from "@/lib/db/generated/client";
import { readPlanInputs } from "@/lib/sync/plan/read-plan-inputs";
import { planHash } from "@/lib/sync/plan/plan-hash";
import type { TPlanScope } from "@/lib/sync/plan/plan-scope";
import { summarizePlan } from "@/lib/sync/plan/plan-summary";
import { planTarget } from "@/lib/sync/plan/plan-target";
import { planTools } from "@/lib/sync/plan/plan-tools";
import type { PlannedOperation, TargetPlan } from "@/lib/sync/plan/plan-types";

// POST /api/v1/sync/plan and `fedlens sync plan`: reads every target of the
// scope (a few at a time, the request waits; the scope is bounded), plans
// each, and stores the plan with its hash and one operation per binding.
// Reading changes nothing in the clouds; the stored plan is audited.

/** Only the named bindings' operations when the scope is "bindings" (no deletes then). */
function inScope(scope: TPlanScope, operations: PlannedOperation[]): PlannedOperation[] {
  if (scope.kind !== "bindings") return operations;
  const ids = new Set(scope.ids);
  return operations.filter((operation) => operation.bindingId && ids.has(operation.bindingId));
}

const json = (value: unknown) => (value ?? undefined) as Prisma.InputJsonValue | undefined;

export type CreatedPlan = { id: string; hash: string };

export async function createSyncPlan(
  caller: MutationCaller & { scope: TPlanScope },
): Promise<CreatedPlan> {
  assertRole(caller.actor, "operator");
  const { scope } = caller;
  const loaded = await readPlanInputs(scope);
  const plans = loaded.map(({ name, cloud, input }) => {
    const plan: TargetPlan = planTarget(input, planTools(cloud));
    return { name, cloud, plan: { ...plan, operations: inScope(scope, plan.operations) } };
  });
  const operations = plans.flatMap(({ plan }) => plan.operations);
  const hash = planHash(loaded.map(({ input }) => input));
  const summary = summarizePlan(operations);
  const targets = plans.map(({ name, cloud, plan }) => ({
    id: plan.targetId,
    name,
    cloud,
    read: plan.read,
    reason: plan.reason,
    error: plan.error,
    leftAlone: plan.leftAlone,
  }));
  return auditedMutation(caller, { action: "sync.plan", role: "operator" }, async (tx) => {
    const row = await tx.syncPlan.create({
      data: {
        scope,
        hash,
        summary,
        targets: json(targets) as Prisma.InputJsonValue,
        createdById: caller.actor.userId,
        operations: {
          create: plans
            .flatMap(({ plan }) =>
              plan.operations.map((operation) => ({ targetId: plan.targetId, operation })),
            )
            .map(({ targetId, operation }, position) => ({
              targetId,
              position,
              bindingId: operation.bindingId,
              key: operation.key,
              name: operation.name,
              op: operation.op,
              status: operation.status,
              reason: operation.reason,
              change: json(operation.change),
              before: json(operation.before),
              after: json(operation.after),
              differences: json(operation.differences),
              call: operation.call,
              findings: operation.findings,
            })),
        },
      },
      select: { id: true },
    });
    return {
      entityId: row.id,
      after: { scope, hash, summary, targets: targets.length },
      result: { id: row.id, hash },
    };
  });
}
