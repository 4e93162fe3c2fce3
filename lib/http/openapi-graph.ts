import type { ZodOpenApiPathsObject } from "zod-openapi";
import { listOf, operation } from "@/lib/http/openapi-operations";
import { ZGraphElement, ZGraphQuery } from "@/lib/trust-map/graph-view-types";

export const graphPaths: ZodOpenApiPathsObject = {
  "/graph": {
    get: operation({
      summary:
        "The effective trust map: issuers, workloads, targets and the trusts between them (effective, broken, undecided, open), filtered by cloud, issuer, target, sync state or finding severity; nodes and bindings carry their open findings; nodes come before edges, in cursor pages",
      role: "viewer",
      query: ZGraphQuery,
      response: listOf(ZGraphElement),
    }),
  },
};
