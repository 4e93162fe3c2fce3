// The building blocks of the OpenAPI document: one operation object per
// route, with the problem+json answers every route can give, and the
// list/create/get/update/delete set every catalogue collection shares.
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { ZIdParams } from "@/lib/schemas/common";

const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string(),
    invalid_params: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
    position: z.number().int().optional().meta({
      description:
        "Diagnose, 422: the 1-based position of the first character that makes the paste unusable as a token",
    }),
    header: z.record(z.string(), z.unknown()).optional().meta({
      description:
        "Diagnose, 422 for an encrypted token (JWE): its protected header, which is not encrypted; unverified",
    }),
    brokenSeq: z.string().nullable().optional().meta({
      description: "Audit checkpoint, 409: the first seq at which the trail no longer verifies",
    }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export const listOf = <T extends z.ZodType>(item: T) =>
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
  status?: "200" | "201" | "202" | "204";
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

export function operation(op: Op): ZodOpenApiOperationObject {
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
export function catalogPaths(
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
