import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from "zod-openapi";
import {
  ZApiToken,
  ZApiTokenCreateInput,
  ZApiTokenListQuery,
  ZCreatedApiToken,
} from "@/lib/schemas/api-token";
import { ZAuditEvent, ZAuditQuery } from "@/lib/schemas/audit";
import {
  ZBinding,
  ZBindingCreateInput,
  ZBindingListQuery,
  ZBindingSpec,
  ZBindingUpdateInput,
} from "@/lib/schemas/binding";
import { ZIdParams } from "@/lib/schemas/common";
import {
  ZDiagnoseInput,
  ZDiagnosis,
  ZDiagnosisHistoryQuery,
  ZDiagnosisRecord,
  ZEvaluateInput,
  ZEvaluation,
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

const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string(),
    invalid_params: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

const ZMe = z.object({
  type: z.enum(["user", "token"]),
  id: z.string(),
  label: z.string(),
  role: z.enum(["viewer", "operator", "admin"]),
});

const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), meta: z.object({ nextCursor: z.string().nullable() }) });

const ifMatchHeader = z.object({
  "if-match": z
    .string()
    .meta({ description: 'The ETag from GET, e.g. "v3". Missing: 428; stale: 409.' }),
});

type Op = {
  summary: string;
  role: "viewer" | "operator" | "admin";
  query?: z.ZodObject;
  path?: z.ZodObject;
  ifMatch?: boolean;
  body?: z.ZodType;
  status?: "200" | "201" | "204";
  response?: z.ZodType;
};

const problemStatuses = [
  "400",
  "401",
  "403",
  "404",
  "409",
  "413",
  "415",
  "422",
  "428",
  "429",
] as const;

function operation(op: Op): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject["responses"] = {
    [op.status ?? "200"]: op.response
      ? { description: "Success", content: { "application/json": { schema: op.response } } }
      : { description: "Success, no content" },
  };
  for (const status of problemStatuses) {
    responses[status] = {
      description: "Problem",
      content: { "application/problem+json": { schema: ZProblem } },
    };
  }
  return {
    summary: op.summary,
    description: `Requires the ${op.role} role (session cookie or Bearer API token).`,
    requestParams: {
      ...(op.query && { query: op.query }),
      ...(op.path && { path: op.path }),
      ...(op.ifMatch && { header: ifMatchHeader }),
    },
    requestBody: op.body ? { content: { "application/json": { schema: op.body } } } : undefined,
    responses,
  };
}

/** The list/create + get/update/delete pair every catalogue collection has. */
function catalogPaths(
  path: string,
  noun: string,
  schemas: { item: z.ZodType; create: z.ZodType; update: z.ZodType; query: z.ZodObject },
): ZodOpenApiPathsObject {
  return {
    [`/${path}`]: {
      get: operation({
        summary: `List ${noun}s`,
        role: "viewer",
        query: schemas.query,
        response: listOf(schemas.item),
      }),
      post: operation({
        summary: `Create a ${noun}`,
        role: "operator",
        body: schemas.create,
        status: "201",
        response: schemas.item,
      }),
    },
    [`/${path}/{id}`]: {
      get: operation({
        summary: `Get a ${noun}`,
        role: "viewer",
        path: ZIdParams,
        response: schemas.item,
      }),
      patch: operation({
        summary: `Update a ${noun}`,
        role: "operator",
        path: ZIdParams,
        ifMatch: true,
        body: schemas.update,
        response: schemas.item,
      }),
      delete: operation({
        summary: `Delete a ${noun}`,
        role: "operator",
        path: ZIdParams,
        ifMatch: true,
        status: "204",
      }),
    },
  };
}

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
  "/evaluate": {
    post: operation({
      summary: "What-if: evaluate one binding in its cloud's terms against a token or bare claims",
      role: "viewer",
      body: ZEvaluateInput,
      response: ZEvaluation,
    }),
  },
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
      summary: "Create an API token (the secret is returned once)",
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
