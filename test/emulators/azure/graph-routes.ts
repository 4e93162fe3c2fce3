import type { IncomingMessage, ServerResponse } from "node:http";
import { readJson, sendJson } from "./arm-errors";
import type { FaultInjector } from "./faults";
import { isValidFicName, MAX_FICS_PER_OWNER, parseFicFields } from "./fic-rules";
import type { GraphApplication, GraphFic, GraphStore } from "./graph-store";

// Microsoft Graph federatedIdentityCredential: list, get (by id or name), create, update, delete.
// https://learn.microsoft.com/en-us/graph/api/resources/federatedidentitycredential
// v1.0 requires subject; beta adds claimsMatchingExpression (flexible FICs, CLOUDS.md §1.1, §1.6).
const FIC_PATH =
  /^\/(v1\.0|beta)\/applications\/([^/]+)\/federatedIdentityCredentials(?:\/([^/]+))?$/;
// Get application: https://learn.microsoft.com/en-us/graph/api/application-get
const APP_PATH = /^\/(?:v1\.0|beta)\/applications\/([^/]+)$/;

export type GraphContext = {
  store: GraphStore;
  faults: FaultInjector;
  pageSize: number;
  origin: string;
};
type Reply = { status: number; body?: unknown };

// Graph's error envelope. https://learn.microsoft.com/en-us/graph/errors
export function graphError(status: number, code: string, message: string): Reply {
  const innerError = { date: new Date().toISOString(), "request-id": crypto.randomUUID() };
  return { status, body: { error: { code, message, innerError } } };
}

const notFound = (id: string) =>
  graphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
const badRequest = (message: string) => graphError(400, "Request_BadRequest", message);

function toGraph(fic: GraphFic, isBeta: boolean) {
  const { issuer, subject, audiences, claimsMatchingExpression } = fic.properties;
  const base = {
    id: fic.id,
    name: fic.name,
    description: fic.description,
    issuer,
    subject: subject ?? null,
    audiences,
  };
  return isBeta ? { ...base, claimsMatchingExpression: claimsMatchingExpression ?? null } : base;
}

/** Answers a Graph FIC request; returns false when the path is not one. */
export async function handleGraph(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: GraphContext,
): Promise<boolean> {
  const path = decodeURIComponent(url.pathname);
  const appMatch = APP_PATH.exec(path);
  if (appMatch) {
    if (await ctx.faults.apply(req, res)) return true;
    const app = ctx.store.application(appMatch[1] ?? "");
    const reply = !app
      ? notFound(appMatch[1] ?? "")
      : req.method === "GET"
        ? { status: 200, body: { id: app.id, appId: app.appId, displayName: app.displayName } }
        : graphError(405, "Request_BadRequest", "The method is not allowed.");
    sendJson(res, reply.status, reply.body);
    return true;
  }
  const match = FIC_PATH.exec(path);
  if (!match) return false;
  if (await ctx.faults.apply(req, res)) return true;
  const [, version, appId = "", ficKey] = match;
  const app = ctx.store.application(appId);
  const reply = app
    ? await answer(req, url, ctx, { app, ficKey, isBeta: version === "beta" })
    : notFound(appId);
  sendJson(res, reply.status, reply.body);
  return true;
}

type Target = { app: GraphApplication; ficKey: string | undefined; isBeta: boolean };

async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  try {
    const body = await readJson(req);
    return body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function answer(
  req: IncomingMessage,
  url: URL,
  ctx: GraphContext,
  t: Target,
): Promise<Reply> {
  const { app, ficKey, isBeta } = t;
  if (ficKey === undefined && req.method === "GET") return listPage(url, ctx, t);
  if (ficKey === undefined && req.method === "POST") return create(req, t);
  const existing = ficKey === undefined ? undefined : ctx.store.find(app, ficKey);
  if (!existing || ficKey === undefined) return notFound(ficKey ?? app.id);
  if (req.method === "GET") return { status: 200, body: toGraph(existing, isBeta) };
  if (req.method === "DELETE") {
    app.fics.delete(existing.id);
    return { status: 204 };
  }
  if (req.method !== "PATCH")
    return graphError(405, "Request_BadRequest", "The method is not allowed.");
  const body = await readBody(req);
  if (!body) return badRequest("The request body is not valid JSON.");
  // name is immutable after creation (CLOUDS.md §1.5).
  if (body.name !== undefined && body.name !== existing.name)
    return badRequest("The name of a federated identity credential cannot be changed.");
  const parsed = parseFicFields({ ...toGraph(existing, isBeta), ...body }, isBeta);
  if (typeof parsed === "string") return badRequest(parsed);
  existing.properties = parsed;
  // description is nullable: null clears it, absent keeps it.
  if (typeof body.description === "string" || body.description === null)
    existing.description = body.description;
  return { status: 204 };
}

async function create(req: IncomingMessage, t: Target): Promise<Reply> {
  const body = await readBody(req);
  if (!body) return badRequest("The request body is not valid JSON.");
  const name = body.name;
  if (typeof name !== "string" || !isValidFicName(name))
    return badRequest(`Federated Identity Credential name '${String(name)}' is invalid.`);
  const parsed = parseFicFields(body, t.isBeta);
  if (typeof parsed === "string") return badRequest(parsed);
  if ([...t.app.fics.values()].some((f) => f.name.toLowerCase() === name.toLowerCase())) {
    return badRequest(
      `A federated identity credential named '${name}' already exists on this application.`,
    );
  }
  if (t.app.fics.size >= MAX_FICS_PER_OWNER) {
    return badRequest(
      `An application can have at most ${MAX_FICS_PER_OWNER} federated identity credentials.`,
    );
  }
  const description = typeof body.description === "string" ? body.description : null;
  const fic = { id: crypto.randomUUID(), name, description, properties: parsed };
  t.app.fics.set(fic.id, fic);
  return { status: 201, body: toGraph(fic, t.isBeta) };
}

// `$top` and `@odata.nextLink` paging. https://learn.microsoft.com/en-us/graph/paging
function listPage(url: URL, ctx: GraphContext, t: Target): Reply {
  const all = [...t.app.fics.values()];
  const top = Number(url.searchParams.get("$top") ?? ctx.pageSize) || ctx.pageSize;
  const start = Number(url.searchParams.get("$skiptoken") ?? 0) || 0;
  const next = new URL(`${ctx.origin}${url.pathname}`);
  next.searchParams.set("$top", String(top));
  next.searchParams.set("$skiptoken", String(start + top));
  const value = all.slice(start, start + top).map((f) => toGraph(f, t.isBeta));
  return {
    status: 200,
    body: { value, ...(start + top < all.length ? { "@odata.nextLink": next.href } : {}) },
  };
}
