import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation } from "@/lib/http/openapi-operations";
import {
  ZFindingAcceptInput,
  ZFindingIdParams,
  ZFindingList,
  ZFindingListQuery,
  ZRiskFinding,
} from "@/lib/schemas/risk";

// The risk register (issue 15 item 5).

export const riskPaths: ZodOpenApiPathsObject = {
  "/findings": {
    get: operation({
      summary:
        "Risk findings across the catalogue, most severe first, each with its rule, the entity, why, the documentation it rests on and a narrowing fix. meta.counts holds the open findings per severity over the filters (accepted aside).",
      role: "viewer",
      query: ZFindingListQuery,
      response: ZFindingList,
    }),
  },
  "/findings/{id}/accept": {
    post: operation({
      summary:
        "Accept a finding until a date (at most a year), with a reason; audited. Accepting again replaces both. Past the date the finding counts again.",
      role: "operator",
      path: ZFindingIdParams,
      body: ZFindingAcceptInput,
      response: ZRiskFinding,
    }),
  },
};
