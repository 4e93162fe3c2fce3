import { defineRoute } from "@/lib/http/route";
import { findReach } from "@/lib/trust-map/reach-load";
import { ZReachQuery } from "@/lib/trust-map/reach-schemas";

// Which bindings would accept the described identity (issue 15 item 4).
export const POST = defineRoute({
  role: "viewer",
  body: ZReachQuery,
  maxBodyBytes: 64 * 1024,
  handler: async ({ body, json }) => json(await findReach({ query: body })),
});
