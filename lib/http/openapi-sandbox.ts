import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation } from "@/lib/http/openapi-operations";
import { ZSampleToken, ZSampleTokenRequest } from "@/lib/sandbox/sample-token-schemas";
import { ZIdParams } from "@/lib/schemas/common";

// The sandbox's sample tokens (issue 14 item 4).

export const sandboxPaths: ZodOpenApiPathsObject = {
  "/workloads/{id}/sample-token": {
    post: operation({
      summary:
        "Only while the built-in sandbox runs, for a workload of the Sandbox issuer: a token of that issuer for the workload, with the audience the given binding's cloud expects, valid 10 minutes, returned once and kept nowhere. 404 outside the sandbox.",
      role: "operator",
      path: ZIdParams,
      body: ZSampleTokenRequest,
      response: ZSampleToken,
    }),
  },
};
