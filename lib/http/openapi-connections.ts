// The cloud connections' part of the OpenAPI document (admin only).
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { listOf, operation } from "@/lib/http/openapi-operations";
import { ZIdParams } from "@/lib/schemas/common";
import {
  ZConnection,
  ZConnectionCreateInput,
  ZConnectionListQuery,
  ZConnectionSecretInput,
  ZConnectionUpdateInput,
} from "@/lib/schemas/connection";

export const connectionPaths: ZodOpenApiPathsObject = {
  "/connections": {
    get: operation({
      summary: "List cloud connections (never with their secrets)",
      role: "admin",
      query: ZConnectionListQuery,
      response: listOf(ZConnection),
    }),
    post: operation({
      summary: "Create a cloud connection; a stored secret is encrypted and can never be read back",
      role: "admin",
      body: ZConnectionCreateInput,
      status: "201",
      response: ZConnection,
    }),
  },
  "/connections/{id}": {
    get: operation({
      summary: "Get a cloud connection",
      role: "admin",
      path: ZIdParams,
      response: ZConnection,
    }),
    patch: operation({
      summary:
        "Update a connection's name, scope, endpoints, CA bundle or authentication (secret fields left out keep the stored secret; ambient drops it)",
      role: "admin",
      path: ZIdParams,
      ifMatch: true,
      body: ZConnectionUpdateInput,
      response: ZConnection,
    }),
    delete: operation({
      summary: "Delete a connection (409 while targets use it)",
      role: "admin",
      path: ZIdParams,
      ifMatch: true,
      status: "204",
    }),
  },
  "/connections/{id}/secret": {
    put: operation({
      summary: "Store or replace the connection's secret (audited without its value)",
      role: "admin",
      path: ZIdParams,
      body: ZConnectionSecretInput,
      response: ZConnection,
    }),
  },
  "/connections/{id}/test": {
    post: operation({
      summary:
        "Test the connection with a harmless read; the outcome (who Fedlens is, or the cloud's error with cause and fix) is in lastTest",
      role: "admin",
      path: ZIdParams,
      // Nothing to send; an empty object is accepted, as is no body at all.
      body: z.object({}).strict().meta({ description: "No body, or an empty object" }),
      response: ZConnection,
    }),
  },
};
