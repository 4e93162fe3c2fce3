import { defineRoute } from "@/lib/http/route";
import { acceptFinding } from "@/lib/risk/accept-finding";
import { ZFindingAcceptInput, ZFindingIdParams } from "@/lib/schemas/risk";

export const POST = defineRoute({
  role: "operator",
  params: ZFindingIdParams,
  body: ZFindingAcceptInput,
  handler: async ({ actor, requestId, params, body, json }) =>
    json(await acceptFinding({ actor, requestId, findingId: params.id, input: body })),
});
