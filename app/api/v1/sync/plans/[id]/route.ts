import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { getSyncPlan, ZPlanOperationsQuery } from "@/lib/sync/plan/get-sync-plan";

export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  query: ZPlanOperationsQuery,
  handler: async ({ actor, params, query, json }) =>
    json(await getSyncPlan({ actor, planId: params.id, query })),
});
