import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { approverOf } from "@/lib/sync/apply/approver";
import type { TPlanOperation, TSyncPlan } from "@/lib/sync/plan/plan-dto";
import type { TPlanOperationsQuery } from "@/lib/sync/plan/plan-scope";

// One stored plan and a page of its operations, in plan order (by target,
// then the target's bindings, then its deletes). The cursor is a position.

const statuses = [
  "pending",
  "applying",
  "applied",
  "unchanged",
  "failed",
  "skipped",
  "refused",
] as const satisfies readonly TPlanOperation["status"][];

const operationSelect = {
  id: true,
  targetId: true,
  bindingId: true,
  position: true,
  key: true,
  name: true,
  op: true,
  status: true,
  reason: true,
  before: true,
  after: true,
  differences: true,
  call: true,
  findings: true,
  error: true,
  attempts: true,
  updatedAt: true,
} as const;

export async function getSyncPlan(options: {
  actor: Actor;
  planId: string;
  query: TPlanOperationsQuery;
}): Promise<TSyncPlan> {
  assertRole(options.actor, "viewer");
  const { cursor, limit } = options.query;
  const plan = await getDb().syncPlan.findUnique({
    where: { id: options.planId },
    select: {
      id: true,
      scope: true,
      status: true,
      hash: true,
      summary: true,
      targets: true,
      createdAt: true,
      approvedBy: true,
      approvedAt: true,
      finishedAt: true,
      operations: {
        where: cursor === undefined ? {} : { position: { gte: cursor } },
        orderBy: { position: "asc" },
        take: limit + 1,
        select: operationSelect,
      },
    },
  });
  if (!plan) throw new AppError("not_found", { message: "No plan with this id." });
  const counts = await getDb().syncOperation.groupBy({
    by: ["status"],
    where: { planId: plan.id },
    _count: { _all: true },
  });
  const progress = Object.fromEntries(
    statuses.map((status) => [status, 0]),
  ) as TSyncPlan["progress"];
  for (const row of counts) progress[row.status] = row._count._all;
  const page = plan.operations.slice(0, limit);
  const next = plan.operations[limit];
  // The JSON columns hold what createSyncPlan wrote in these shapes.
  return {
    ...plan,
    scope: plan.scope as TSyncPlan["scope"],
    summary: plan.summary as TSyncPlan["summary"],
    targets: plan.targets as TSyncPlan["targets"],
    createdAt: plan.createdAt.toISOString(),
    approvedBy: plan.approvedBy ? approverOf(plan.approvedBy).label : null,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    finishedAt: plan.finishedAt?.toISOString() ?? null,
    progress,
    operations: {
      data: page.map((operation) => ({
        ...operation,
        op: operation.op as TPlanOperation["op"],
        differences: operation.differences as TPlanOperation["differences"],
        findings: operation.findings as TPlanOperation["findings"],
        updatedAt: operation.updatedAt.toISOString(),
      })),
      meta: { nextCursor: next ? String(next.position) : null },
    },
  };
}
