import { assertDiagnoseAllowed } from "@/lib/diagnose/diagnose-rate-limit";
import { diagnoseToken } from "@/lib/diagnose/diagnose-token";
import { defineRoute } from "@/lib/http/route";
import { ZDiagnoseInput } from "@/lib/schemas/diagnose";

// The token travels only in this POST body, never in a URL (SECURITY.md 3.5).
export const POST = defineRoute({
  role: "viewer",
  body: ZDiagnoseInput,
  maxBodyBytes: 96 * 1024,
  handler: async ({ actor, body, json, requestId }) => {
    await assertDiagnoseAllowed(actor);
    return json(await diagnoseToken({ actor, token: body.token, requestId }));
  },
});
