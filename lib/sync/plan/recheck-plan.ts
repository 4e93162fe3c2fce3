import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { planHash } from "@/lib/sync/plan/plan-hash";
import { ZPlanScope } from "@/lib/sync/plan/plan-scope";
import { readPlanInputs } from "@/lib/sync/plan/read-plan-inputs";

// Before an apply (SECURITY.md 4.1): the catalogue and the clouds are read
// again and hashed the way the plan was; any difference makes the plan
// stale, and apply asks for a new one instead of writing what no one saw.

export const stalePlanMessage = "The catalogue or the cloud changed since this plan; plan again.";

export async function recheckPlan(planId: string): Promise<{ fresh: boolean }> {
  const plan = await getDb().syncPlan.findUnique({
    where: { id: planId },
    select: { scope: true, hash: true },
  });
  if (!plan) throw new AppError("not_found", { message: "No plan with this id." });
  const inputs = await readPlanInputs(ZPlanScope.parse(plan.scope));
  if (planHash(inputs.map(({ input }) => input)) === plan.hash) return { fresh: true };
  // Only a plan nobody has started applying becomes stale (a second approval
  // racing the first must not mark a running apply).
  await getDb().syncPlan.updateMany({
    where: { id: planId, status: "draft" },
    data: { status: "stale" },
  });
  return { fresh: false };
}
