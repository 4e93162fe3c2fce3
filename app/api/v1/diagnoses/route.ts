import { listDiagnoses } from "@/lib/diagnose/list-diagnoses";
import { defineRoute } from "@/lib/http/route";
import { toListBody } from "@/lib/pagination";
import { ZDiagnosisHistoryQuery } from "@/lib/schemas/diagnose";

export const GET = defineRoute({
  role: "viewer",
  query: ZDiagnosisHistoryQuery,
  handler: async ({ actor, query, json }) =>
    json(toListBody(await listDiagnoses({ actor, query }))),
});
