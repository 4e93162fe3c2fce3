import { checkSignature } from "@/lib/diagnose/check-signature";
import { assertEvaluateAllowed } from "@/lib/diagnose/evaluate-rate-limit";
import { evaluateWhatIf } from "@/lib/diagnose/evaluate-what-if";
import { findCatalogIssuer } from "@/lib/diagnose/find-catalog-issuer";
import { defineRoute } from "@/lib/http/route";
import { ZEvaluateInput } from "@/lib/schemas/diagnose";

export const POST = defineRoute({
  role: "viewer",
  body: ZEvaluateInput,
  maxBodyBytes: 256 * 1024,
  handler: async ({ actor, body, json }) => {
    await assertEvaluateAllowed(actor);
    return json(
      await evaluateWhatIf(body, async (token, header, iss) => {
        const exact = await findCatalogIssuer(iss);
        return checkSignature(token, header, iss, exact, actor);
      }),
    );
  },
});
