import { adoptBinding } from "@/lib/catalog/bindings/adopt-binding";
import { defineRoute, etagFor } from "@/lib/http/route";
import { ZEmptyBody, ZIdParams } from "@/lib/schemas/common";

// Take ownership of the binding's cloud object; If-Match as for an edit.
export const POST = defineRoute({
  role: "operator",
  params: ZIdParams,
  body: ZEmptyBody,
  requireIfMatch: true,
  handler: async ({ actor, requestId, params, ifMatch, json }) => {
    const adopted = await adoptBinding({
      actor,
      requestId,
      id: params.id,
      expectedVersion: ifMatch ?? 0,
    });
    return json(adopted, { headers: { ETag: etagFor(adopted.version) } });
  },
});
