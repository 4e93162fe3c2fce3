import { z } from "zod";
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { auditPaths } from "@/lib/http/openapi-audit";
import { connectionPaths } from "@/lib/http/openapi-connections";
import { evaluatePath } from "@/lib/http/openapi-evaluate";
import { exchangePaths } from "@/lib/http/openapi-exchange";
import { graphPaths } from "@/lib/http/openapi-graph";
import { sandboxPaths } from "@/lib/http/openapi-sandbox";
import { reachPaths } from "@/lib/http/openapi-reach";
import { exportPaths } from "@/lib/http/openapi-export";
import { importPaths } from "@/lib/http/openapi-imports";
import { catalogPaths, listOf, operation } from "@/lib/http/openapi-operations";
import { riskPaths } from "@/lib/http/openapi-risk";
import { syncPaths } from "@/lib/http/openapi-sync";
import {
  ZApiToken,
  ZApiTokenCreateInput,
  ZApiTokenListQuery,
  ZCreatedApiToken,
} from "@/lib/schemas/api-token";
import { ZAuditCheckpoint, ZAuditEvent, ZAuditQuery } from "@/lib/schemas/audit";
import {
  ZBinding,
  ZBindingCreateInput,
  ZBindingListQuery,
  ZBindingSpec,
  ZBindingUpdateInput,
} from "@/lib/schemas/binding";
import { ZEmptyBody, ZIdParams } from "@/lib/schemas/common";
import { ZDriftCheckQueued, ZDriftCheckRequest, ZTargetDrift } from "@/lib/schemas/drift";
import {
  ZDiagnoseInput,
  ZDiagnosis,
  ZDiagnosisHistoryQuery,
  ZDiagnosisRecord,
} from "@/lib/schemas/diagnose";
import {
  ZTarget,
  ZTargetCreateInput,
  ZTargetListQuery,
  ZTargetUpdateInput,
} from "@/lib/schemas/target";
import {
  ZWorkload,
  ZWorkloadCreateInput,
  ZWorkloadListQuery,
  ZWorkloadUpdateInput,
} from "@/lib/schemas/workload";
import {
  ZIssuer,
  ZIssuerCreateInput,
  ZIssuerListQuery,
  ZIssuerUpdateInput,
} from "@/lib/schemas/issuer";
import { ZUser, ZUserCreateInput, ZUserListQuery, ZUserUpdateInput } from "@/lib/schemas/user";

// Generated from the same zod schemas the handlers parse with, so the
// document cannot drift from what the API accepts.

const ZMe = z.object({
  type: z.enum(["user", "token"]),
  id: z.string(),
  label: z.string(),
  role: z.enum(["viewer", "operator", "admin"]),
});

const paths: ZodOpenApiPathsObject = {
  ...catalogPaths("issuers", "issuer", {
    item: ZIssuer,
    create: ZIssuerCreateInput,
    update: ZIssuerUpdateInput,
    query: ZIssuerListQuery,
  }),
  ...catalogPaths("workloads", "workload", {
    item: ZWorkload,
    create: ZWorkloadCreateInput,
    update: ZWorkloadUpdateInput,
    query: ZWorkloadListQuery,
  }),
  ...catalogPaths("targets", "cloud target", {
    item: ZTarget,
    create: ZTargetCreateInput,
    update: ZTargetUpdateInput,
    query: ZTargetListQuery,
  }),
  ...catalogPaths("bindings", "binding", {
    item: ZBinding,
    create: ZBindingCreateInput,
    update: ZBindingUpdateInput,
    query: ZBindingListQuery,
  }),
  "/bindings/{id}/adopt": {
    post: operation({
      summary:
        "Take ownership of the binding's cloud object: from now on a plan proposes changing it to match the catalogue (until then it only reports the difference). Audited; If-Match as for an edit.",
      role: "operator",
      path: ZIdParams,
      ifMatch: true,
      body: ZEmptyBody,
      response: ZBinding,
    }),
  },
  "/targets/{id}/refresh": {
    post: operation({
      summary:
        "Queue a drift check of the target against its cloud (202; 409 when the target has no connection); poll the GET",
      role: "operator",
      path: ZIdParams,
      body: ZDriftCheckRequest,
      status: "202",
      response: ZDriftCheckQueued,
    }),
    get: operation({
      summary:
        "The target's last drift check: each binding's state and differences, what could not be read, the cloud's unmanaged objects, and whether a check is pending",
      role: "viewer",
      path: ZIdParams,
      response: ZTargetDrift,
    }),
  },
  ...connectionPaths,
  "/diagnose": {
    post: operation({
      summary:
        "Diagnose a token: verify it and evaluate every binding of its issuer (the token goes only in the body)",
      role: "viewer",
      body: ZDiagnoseInput,
      response: ZDiagnosis,
    }),
  },
  "/diagnoses": {
    get: operation({
      summary:
        "The caller's diagnose history, newest first: each token's SHA-256, a few claims and the verdict counts",
      role: "viewer",
      query: ZDiagnosisHistoryQuery,
      response: listOf(ZDiagnosisRecord),
    }),
  },
  "/evaluate": evaluatePath,
  ...importPaths,
  ...exportPaths,
  ...syncPaths,
  ...graphPaths,
  ...exchangePaths,
  ...sandboxPaths,
  ...riskPaths,
  ...reachPaths,
  "/me": {
    get: operation({
      summary: "Who the caller is, with their current role",
      role: "viewer",
      response: ZMe,
    }),
  },
  "/audit": {
    get: operation({
      summary: "List audit events, newest first (viewers see their own)",
      role: "viewer",
      query: ZAuditQuery,
      response: listOf(ZAuditEvent),
    }),
  },
  "/audit/checkpoint": {
    get: operation({
      summary:
        "Verify the whole audit trail and return its head signed with the audit key, to keep outside the database (409 when the trail is broken)",
      role: "admin",
      response: ZAuditCheckpoint,
    }),
  },
  ...auditPaths,
  "/users": {
    get: operation({
      summary: "List users",
      role: "admin",
      query: ZUserListQuery,
      response: listOf(ZUser),
    }),
    post: operation({
      summary: "Create a user",
      role: "admin",
      body: ZUserCreateInput,
      status: "201",
      response: ZUser,
    }),
  },
  "/users/{id}": {
    get: operation({ summary: "Get a user", role: "admin", path: ZIdParams, response: ZUser }),
    patch: operation({
      summary: "Change a user's role or disable them",
      role: "admin",
      path: ZIdParams,
      ifMatch: true,
      body: ZUserUpdateInput,
      response: ZUser,
    }),
  },
  "/tokens": {
    get: operation({
      summary: "List API tokens",
      role: "admin",
      query: ZApiTokenListQuery,
      response: listOf(ZApiToken),
    }),
    post: operation({
      summary:
        "Create an API token (the secret is returned once; it expires after 90 days by default)",
      role: "admin",
      body: ZApiTokenCreateInput,
      status: "201",
      response: ZCreatedApiToken,
    }),
  },
  "/tokens/{id}": {
    delete: operation({
      summary: "Revoke an API token",
      role: "admin",
      path: ZIdParams,
      response: ZApiToken,
    }),
  },
};

export function openApiDocument(serverUrl: string) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Fedlens API",
      version: "1",
      description:
        "Workload identity federation console. Errors are RFC 9457 application/problem+json.",
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { BindingSpec: ZBindingSpec },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token (fl_…) from Settings → API tokens",
        },
        session: { type: "apiKey", in: "cookie", name: "fedlens.session" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  });
}
