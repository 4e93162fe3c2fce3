import type { PlannedOperation } from "@/lib/sync/plan/plan-types";

// The counts a plan shows at a glance; "pending" is what apply would write.

export type PlanSummary = {
  create: number;
  update: number;
  delete: number;
  unchanged: number;
  refused: number;
  skipped: number;
  pending: number;
};

export function summarizePlan(operations: readonly PlannedOperation[]): PlanSummary {
  const summary: PlanSummary = {
    create: 0,
    update: 0,
    delete: 0,
    unchanged: 0,
    refused: 0,
    skipped: 0,
    pending: 0,
  };
  for (const operation of operations) {
    if (operation.status === "pending") {
      summary.pending += 1;
      if (operation.op !== "no-op") summary[operation.op] += 1;
    } else {
      summary[operation.status] += 1;
    }
  }
  return summary;
}
