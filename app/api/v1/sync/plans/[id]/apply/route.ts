import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { ZApplyRequest } from "@/lib/sync/apply/apply-schemas";
import { startApply } from "@/lib/sync/apply/start-apply";

// 202: the changes are written by a worker; GET the plan to follow them.

export const POST = defineRoute({
  role: "operator",
  params: ZIdParams,
  body: ZApplyRequest,
  handler: async ({ actor, requestId, params, body, json }) => {
    const started = await startApply({ actor, requestId, planId: params.id, mode: body.changes });
    const poll = `/api/v1/sync/plans/${params.id}`;
    return json(started, { status: 202, headers: { Location: poll } });
  },
});
