import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation } from "@/lib/http/openapi-operations";
import { ZIdParams } from "@/lib/schemas/common";
import { ZPlanOperationsQuery, ZPlanRequest } from "@/lib/sync/plan/plan-scope";
import { ZSyncPlan, ZSyncPlanCreated } from "@/lib/sync/plan/plan-response-schemas";
import { ZApplyRequest, ZApplyStarted } from "@/lib/sync/apply/apply-schemas";

// Sync: plan (read the clouds, compare with the catalogue, store the plan).

export const syncPaths: ZodOpenApiPathsObject = {
  "/sync/plan": {
    post: operation({
      summary:
        "Plan a sync of everything, a connection, a target or some bindings: reads each target from its cloud while the request waits (at most 100 targets; 422 beyond) and stores the plan. Writes nothing to the clouds.",
      role: "operator",
      body: ZPlanRequest,
      status: "201",
      response: ZSyncPlanCreated,
    }),
  },
  "/sync/plans/{id}": {
    get: operation({
      summary:
        "A stored plan: its counts, each target's read and the objects left alone, and a page of operations (cursor = position)",
      role: "viewer",
      path: ZIdParams,
      query: ZPlanOperationsQuery,
      response: ZSyncPlan,
    }),
  },
  "/sync/plans/{id}/apply": {
    post: operation({
      summary:
        "Apply a plan (or retry its failed changes). The catalogue and the clouds are read again first: a plan whose inputs changed is refused with 409 and must be made again. The changes are written by a worker (202); follow them on the plan.",
      role: "operator",
      path: ZIdParams,
      body: ZApplyRequest,
      status: "202",
      response: ZApplyStarted,
    }),
  },
};
