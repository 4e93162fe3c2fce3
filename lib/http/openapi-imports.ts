import type { ZodOpenApiPathsObject } from "zod-openapi";
import { listOf, operation } from "@/lib/http/openapi-operations";
import { ZIdParams } from "@/lib/schemas/common";
import {
  ZImportCommitInput,
  ZImportCommitResult,
  ZImportRun,
  ZImportRunParams,
  ZImportStartInput,
  ZImportView,
  ZImportViewQuery,
} from "@/lib/sync/import/import-schemas";

// Import of a connection's existing trusts: start (a job reads the cloud),
// review (proposals against the catalogue as it is now), commit.

export const importPaths: ZodOpenApiPathsObject = {
  "/connections/{id}/imports": {
    get: operation({
      summary: "The connection's most recent imports, newest first",
      role: "viewer",
      path: ZIdParams,
      response: listOf(ZImportRun),
    }),
    post: operation({
      summary:
        "Start an import: answers 202 with the queued run; a job reads the cloud (poll GET /imports/{runId})",
      role: "operator",
      path: ZIdParams,
      body: ZImportStartInput,
      status: "202",
      response: ZImportRun,
    }),
  },
  "/imports/{runId}": {
    get: operation({
      summary:
        "An import's status and progress, and once read, its proposals grouped by target (a page of targets at a time)",
      role: "viewer",
      path: ZImportRunParams,
      query: ZImportViewQuery,
      response: ZImportView,
    }),
  },
  "/imports/{runId}/commit": {
    post: operation({
      summary:
        "Import the selected proposals in one transaction (409 when the run is not ready or the proposals changed; 422 for a row the catalogue rules refuse)",
      role: "operator",
      path: ZImportRunParams,
      body: ZImportCommitInput,
      response: ZImportCommitResult,
    }),
  },
};
