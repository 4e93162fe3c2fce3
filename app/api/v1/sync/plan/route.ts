import { defineRoute } from "@/lib/http/route";
import { createSyncPlan } from "@/lib/sync/plan/create-sync-plan";
import { ZPlanRequest } from "@/lib/sync/plan/plan-scope";

/** 201: the plan is read and stored while the request waits (bounded scope). */
export const POST = defineRoute({
  role: "operator",
  body: ZPlanRequest,
  handler: async ({ actor, requestId, body, json }) => {
    const plan = await createSyncPlan({ actor, requestId, scope: body.scope });
    return json(plan, { status: 201, headers: { Location: `/api/v1/sync/plans/${plan.id}` } });
  },
});
