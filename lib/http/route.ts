import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authenticateRequest } from "@/lib/auth/authenticate";
import { hasRole, type Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { findUnstorableText } from "@/lib/http/find-unstorable-text";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { normaliseError } from "@/lib/http/normalise-error";
import { isSameOriginRequest } from "@/lib/http/origin";
import { apiHeaders, jsonResponse, problemResponse } from "@/lib/http/problem";
import { readJsonBody } from "@/lib/http/read-json-body";
import { requestIdFrom } from "@/lib/http/request-id";
import { logger } from "@/lib/log/logger";

// The one path every API request takes (CONVENTIONS 6): request id,
// authentication, same-origin check for cookie sessions, role read from the
// database, body cap, JSON and zod parsing, and errors as problem+json.

const defaultMaxBodyBytes = 64 * 1024;
const mutating = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Schema<T> = z.ZodType<T, unknown>;

export type RouteContext<Body, Query, Params> = {
  request: Request;
  requestId: string;
  actor: Actor;
  body: Body;
  query: Query;
  params: Params;
  /** The version named by If-Match; present when the route requires it. */
  ifMatch: number | undefined;
  json: (data: unknown, init?: { status?: number; headers?: HeadersInit }) => Response;
  noContent: () => Response;
};

export type RouteConfig<Body, Query, Params> = {
  role: Role;
  body?: Schema<Body>;
  query?: Schema<Query>;
  params?: Schema<Params>;
  maxBodyBytes?: number;
  requireIfMatch?: boolean;
  handler: (context: RouteContext<Body, Query, Params>) => Promise<Response>;
};

type NextRouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

function parseWith<T>(schema: Schema<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const unstorable = findUnstorableText(value);
  if (unstorable) {
    throw new AppError("validation_failed", {
      message: `The ${where} has invalid fields.`,
      invalidParams: [{ name: unstorable.path, reason: unstorable.reason }],
    });
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError("validation_failed", {
    message: `The ${where} has invalid fields.`,
    invalidParams: invalidParamsFrom(result.error),
  });
}

/** `"v3"`, `W/"v3"` or `3` → 3, per the ETags the API issues. */
export function parseIfMatch(header: string | null): number | undefined {
  if (header === null) return undefined;
  const match = /^(?:W\/)?"?v?(\d{1,9})"?$/.exec(header.trim());
  if (!match?.[1]) {
    throw new AppError("bad_request", {
      message: 'If-Match must be the ETag from a GET, e.g. "v3".',
    });
  }
  return Number(match[1]);
}

export function etagFor(version: number): string {
  return `"v${version}"`;
}

export function defineRoute<Body = undefined, Query = undefined, Params = undefined>(
  config: RouteConfig<Body, Query, Params>,
) {
  return async function handle(
    request: Request,
    nextContext?: NextRouteContext,
  ): Promise<Response> {
    const requestId = requestIdFrom(request.headers);
    const instance = new URL(request.url).pathname;
    try {
      const auth = await authenticateRequest(request);
      if (!auth)
        throw new AppError("unauthenticated", { message: "Sign in or send an API token." });
      if (auth.via === "session" && mutating.has(request.method) && !isSameOriginRequest(request)) {
        throw new AppError("forbidden", {
          message: "Cross-site request refused: Origin does not match this console.",
        });
      }
      if (!hasRole(auth.actor.role ?? "viewer", config.role)) {
        throw new AppError("forbidden", { message: `This needs the ${config.role} role.` });
      }
      const params = parseWith(config.params, (await nextContext?.params) ?? {}, "path");
      const query = parseWith(
        config.query,
        Object.fromEntries(new URL(request.url).searchParams),
        "query string",
      );
      const ifMatch = parseIfMatch(request.headers.get("if-match"));
      if (config.requireIfMatch && ifMatch === undefined) {
        throw new AppError("precondition_required", {
          message:
            'Send If-Match with the ETag from a GET (e.g. "v3") so concurrent edits are not lost.',
        });
      }
      const body = config.body
        ? parseWith(
            config.body,
            await readJsonBody(request, config.maxBodyBytes ?? defaultMaxBodyBytes),
            "body",
          )
        : (undefined as Body);
      return await config.handler({
        request,
        requestId,
        actor: auth.actor,
        body,
        query,
        params,
        ifMatch,
        json: (data, init) => jsonResponse(data, requestId, init),
        noContent: () => new Response(null, { status: 204, headers: apiHeaders(requestId) }),
      });
    } catch (error) {
      return errorResponse(error, requestId, instance);
    }
  };
}

export function errorResponse(error: unknown, requestId: string, instance?: string): Response {
  const known = normaliseError(error);
  if (known) {
    return problemResponse({
      code: known.code,
      detail: known.message,
      requestId,
      instance,
      invalidParams: known.invalidParams,
      retryAfterSeconds: known.retryAfterSeconds,
      extra: known.details,
    });
  }
  logger.error({ err: error, requestId }, "unhandled error in route handler");
  return problemResponse({
    code: "internal",
    detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    requestId,
    instance,
  });
}
