import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { getWorkloadReach } from "@/lib/trust-map/reach-load";

// What this workload reaches, through its own bindings and any other's.
export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  handler: async ({ params, json }) => json(await getWorkloadReach({ workloadId: params.id })),
});
