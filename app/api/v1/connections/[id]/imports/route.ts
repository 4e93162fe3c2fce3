import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { listImportRuns } from "@/lib/sync/import/list-import-runs";
import { ZImportStartInput } from "@/lib/sync/import/import-schemas";
import { startImport } from "@/lib/sync/import/start-import";

export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  handler: async ({ actor, params, json }) =>
    json({
      data: await listImportRuns({ actor, connectionId: params.id }),
      meta: { nextCursor: null },
    }),
});

/** 202: the read runs as a job; poll GET /api/v1/imports/{runId}. */
export const POST = defineRoute({
  role: "operator",
  params: ZIdParams,
  body: ZImportStartInput,
  handler: async ({ actor, requestId, params, json }) => {
    const run = await startImport({ actor, requestId, connectionId: params.id });
    return json(run, { status: 202, headers: { Location: `/api/v1/imports/${run.id}` } });
  },
});
