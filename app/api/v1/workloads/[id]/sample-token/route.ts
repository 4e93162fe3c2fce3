import { defineRoute } from "@/lib/http/route";
import { mintSampleToken } from "@/lib/sandbox/mint-sample-token";
import { ZSampleTokenRequest } from "@/lib/sandbox/sample-token-schemas";
import { ZIdParams } from "@/lib/schemas/common";

// A sample token of the Sandbox issuer (operator; 404 unless the sandbox runs
// and the workload is the Sandbox issuer's). The token is in this answer
// only, which is never cached (the wrapper sets no-store).
export const POST = defineRoute({
  role: "operator",
  params: ZIdParams,
  body: ZSampleTokenRequest,
  maxBodyBytes: 1024,
  handler: async ({ actor, requestId, params, body, json }) =>
    json(
      await mintSampleToken({ actor, requestId, workloadId: params.id, bindingId: body.bindingId }),
    ),
});
