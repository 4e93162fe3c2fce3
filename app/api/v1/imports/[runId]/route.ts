import { defineRoute } from "@/lib/http/route";
import { getImport } from "@/lib/sync/import/get-import";
import { ZImportRunParams, ZImportViewQuery } from "@/lib/sync/import/import-schemas";

export const GET = defineRoute({
  role: "viewer",
  params: ZImportRunParams,
  query: ZImportViewQuery,
  handler: async ({ actor, params, query, json }) =>
    json(await getImport({ actor, runId: params.runId, query })),
});
