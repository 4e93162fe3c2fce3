import * as commitRoute from "@/app/api/v1/imports/[runId]/commit/route";
import * as importRoute from "@/app/api/v1/imports/[runId]/route";
import * as startRoute from "@/app/api/v1/connections/[id]/imports/route";
import type { Cloud } from "@/lib/clouds/types";
import { getDb } from "@/lib/db/client";
import { call } from "@/test/support/http";

export async function createTestConnection(cloud: Cloud) {
  return getDb().cloudConnection.create({
    data: {
      name: `${cloud} connection ${Math.random().toString(36).slice(2, 8)}`,
      cloud,
      scope: {},
      authKind: "ambient",
    },
    select: { id: true, cloud: true },
  });
}

export function startImportCall(token: string, connectionId: string) {
  return call(startRoute.POST, {
    method: "POST",
    path: `/api/v1/connections/${connectionId}/imports`,
    params: { id: connectionId },
    token,
    body: {},
  });
}

export function getImportCall(token: string, runId: string, query = "") {
  return call(importRoute.GET, {
    path: `/api/v1/imports/${runId}${query ? `?${query}` : ""}`,
    params: { runId },
    token,
  });
}

export function commitCall(token: string, runId: string, select: string[]) {
  return call(commitRoute.POST, {
    method: "POST",
    path: `/api/v1/imports/${runId}/commit`,
    params: { runId },
    token,
    body: { select },
  });
}
