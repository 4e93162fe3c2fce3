import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { operation } from "@/lib/http/openapi-operations";
import { ZIdParams } from "@/lib/schemas/common";
import { ZExportQuery } from "@/lib/sync/export/export-query";

// Export as code: the answer is a text file, not JSON.

function exportOperation(summary: string): ZodOpenApiOperationObject {
  const op = operation({ summary, role: "viewer", path: ZIdParams, query: ZExportQuery });
  return {
    ...op,
    responses: {
      ...op.responses,
      "200": {
        description:
          "The code as a file (Content-Disposition names it); 400 when the format is not one of the cloud's",
        content: { "text/plain": { schema: z.string() } },
      },
    },
  };
}

export const exportPaths: ZodOpenApiPathsObject = {
  "/bindings/{id}/export": {
    get: exportOperation(
      "The binding, with the cloud objects it needs, as Terraform or the cloud's CLI commands",
    ),
  },
  "/targets/{id}/export": {
    get: exportOperation(
      "The target's cloud objects and all its bindings as Terraform or the cloud's CLI commands",
    ),
  },
  "/sync/plans/{id}/export": {
    get: exportOperation(
      "The plan's changes as code: every target it would create or update, as the catalogue wants it now, in one Terraform file (any cloud) or as one cloud's CLI commands (az, aws or gcloud: the other clouds' targets are named, not included); deletes are listed as comments",
    ),
  },
};
