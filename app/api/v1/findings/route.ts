import { defineRoute } from "@/lib/http/route";
import { listFindings } from "@/lib/risk/list-findings";
import { ZFindingListQuery } from "@/lib/schemas/risk";

export const GET = defineRoute({
  role: "viewer",
  query: ZFindingListQuery,
  handler: async ({ query, json }) => {
    const page = await listFindings({ query });
    return json({
      data: page.data,
      meta: { nextCursor: page.nextCursor, counts: page.counts, accepted: page.accepted },
    });
  },
});
