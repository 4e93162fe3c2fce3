import { defineRoute } from "@/lib/http/route";
import { commitImport } from "@/lib/sync/import/commit-import";
import { ZImportCommitInput, ZImportRunParams } from "@/lib/sync/import/import-schemas";

export const POST = defineRoute({
  role: "operator",
  params: ZImportRunParams,
  body: ZImportCommitInput,
  // 10,000 proposal ids of 26 characters, quoted and separated.
  maxBodyBytes: 512 * 1024,
  handler: async ({ actor, requestId, params, body, json }) =>
    json(await commitImport({ actor, requestId, runId: params.runId, input: body })),
});
