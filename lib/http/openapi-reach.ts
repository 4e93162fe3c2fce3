import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation } from "@/lib/http/openapi-operations";
import { ZIdParams } from "@/lib/schemas/common";
import {
  ZReachAnswer,
  ZReachQuery,
  ZTargetReach,
  ZWorkloadReach,
} from "@/lib/trust-map/reach-schemas";

// The reverse lookup of the trust map (issue 15 item 4).

export const reachPaths: ZodOpenApiPathsObject = {
  "/graph/reach": {
    post: operation({
      summary:
        "Which bindings would accept an identity, across clouds: describe it by its issuer and raw claims or a subject spec; every binding that accepts it, or whose answer rests on a claim Fedlens cannot know, with its verdict.",
      role: "viewer",
      body: ZReachQuery,
      response: ZReachAnswer,
    }),
  },
  "/targets/{id}/reach": {
    get: operation({
      summary:
        "Who can reach this target: the workloads whose tokens its bindings accept, refuse although made for them, or cannot decide, and what its pattern bindings admit beyond the catalogue.",
      role: "viewer",
      path: ZIdParams,
      response: ZTargetReach,
    }),
  },
  "/workloads/{id}/reach": {
    get: operation({
      summary:
        "What this workload reaches: every binding that accepts its predicted token, including bindings made for other workloads, and its own bindings that refuse it.",
      role: "viewer",
      path: ZIdParams,
      response: ZWorkloadReach,
    }),
  },
};
