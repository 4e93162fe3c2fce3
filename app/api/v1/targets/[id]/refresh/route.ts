import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { ZDriftCheckRequest } from "@/lib/schemas/drift";
import { getTargetDrift } from "@/lib/sync/drift/get-target-drift";
import { requestDriftCheck } from "@/lib/sync/drift/request-drift-check";

// POST queues a drift check (202: it runs on a worker, not in the request);
// GET is where to poll: the last check's result and whether one is pending.

export const POST = defineRoute({
  role: "operator",
  params: ZIdParams,
  body: ZDriftCheckRequest,
  handler: async ({ actor, requestId, params, json }) => {
    const queued = await requestDriftCheck({ actor, requestId, targetId: params.id });
    return json(queued, { status: 202, headers: { Location: queued.poll } });
  },
});

export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  handler: async ({ params, json }) => json(await getTargetDrift({ targetId: params.id })),
});
