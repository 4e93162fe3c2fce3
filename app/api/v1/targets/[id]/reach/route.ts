import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { getTargetReach } from "@/lib/trust-map/reach-load";

// Who can reach this target: its edges in the trust graph and its open edges.
export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  handler: async ({ params, json }) => json(await getTargetReach({ targetId: params.id })),
});
