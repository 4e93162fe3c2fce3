import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { defineRoute, etagFor } from "@/lib/http/route";
import { toListBody, type Page } from "@/lib/pagination";
import { ZIdParams } from "@/lib/schemas/common";

// The catalogue's collections (issuers, workloads, targets, bindings) share
// one REST shape: list + create on the collection, get + PATCH + DELETE with
// If-Match on the item. Each route file only names its use-cases.

type Versioned = { id: string; version: number };
type Audited = { actor: Actor; requestId: string };

export function collectionRoutes<Item extends Versioned, Query, Input>(config: {
  path: string;
  listQuery: z.ZodType<Query, unknown>;
  createBody: z.ZodType<Input, unknown>;
  list: (options: { query: Query }) => Promise<Page<Item>>;
  create: (options: Audited & { input: Input }) => Promise<Item>;
}) {
  return {
    GET: defineRoute({
      role: "viewer",
      query: config.listQuery,
      handler: async ({ query, json }) => json(toListBody(await config.list({ query }))),
    }),
    POST: defineRoute({
      role: "operator",
      body: config.createBody,
      handler: async ({ actor, requestId, body, json }) => {
        const created = await config.create({ actor, requestId, input: body });
        return json(created, {
          status: 201,
          headers: {
            ETag: etagFor(created.version),
            Location: `/api/v1/${config.path}/${created.id}`,
          },
        });
      },
    }),
  };
}

export function itemRoutes<Item extends Versioned, Input>(config: {
  updateBody: z.ZodType<Input, unknown>;
  get: (options: { id: string }) => Promise<Item>;
  update: (
    options: Audited & { id: string; expectedVersion: number; input: Input },
  ) => Promise<Item>;
  remove: (options: Audited & { id: string; expectedVersion: number }) => Promise<void>;
}) {
  return {
    GET: defineRoute({
      role: "viewer",
      params: ZIdParams,
      handler: async ({ params, json }) => {
        const found = await config.get({ id: params.id });
        return json(found, { headers: { ETag: etagFor(found.version) } });
      },
    }),
    PATCH: defineRoute({
      role: "operator",
      params: ZIdParams,
      body: config.updateBody,
      requireIfMatch: true,
      handler: async ({ actor, requestId, params, body, ifMatch, json }) => {
        const updated = await config.update({
          actor,
          requestId,
          id: params.id,
          expectedVersion: ifMatch ?? 0,
          input: body,
        });
        return json(updated, { headers: { ETag: etagFor(updated.version) } });
      },
    }),
    DELETE: defineRoute({
      role: "operator",
      params: ZIdParams,
      requireIfMatch: true,
      handler: async ({ actor, requestId, params, ifMatch, noContent }) => {
        await config.remove({ actor, requestId, id: params.id, expectedVersion: ifMatch ?? 0 });
        return noContent();
      },
    }),
  };
}
