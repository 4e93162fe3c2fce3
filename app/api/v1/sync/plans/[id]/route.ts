import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { getSyncPlan } from "@/lib/sync/plan/get-sync-plan";
import { ZPlanOperationsQuery } from "@/lib/sync/plan/plan-scope";

export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  query: ZPlanOperationsQuery,
  handler: async ({ actor, params, query, json }) =>
    json(await getSyncPlan({ actor, planId: params.id, query })),
});
