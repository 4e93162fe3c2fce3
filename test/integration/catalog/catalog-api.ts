import { expect } from "vitest";
import * as bindingItem from "@/app/api/v1/bindings/[id]/route";
import * as bindingCollection from "@/app/api/v1/bindings/route";
import * as issuerItem from "@/app/api/v1/issuers/[id]/route";
import * as issuerCollection from "@/app/api/v1/issuers/route";
import * as targetItem from "@/app/api/v1/targets/[id]/route";
import * as targetCollection from "@/app/api/v1/targets/route";
import * as workloadItem from "@/app/api/v1/workloads/[id]/route";
import * as workloadCollection from "@/app/api/v1/workloads/route";
import { getDb } from "@/lib/db/client";
import type { TBinding } from "@/lib/schemas/binding";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import { call, problemOf, type Problem } from "@/test/support/http";

// Calls the catalogue's real route handlers the way the API client would, and
// checks problem documents exactly (CONVENTIONS 7, 22).

export type Collection = "issuers" | "workloads" | "targets" | "bindings";

const routes = {
  issuers: { collection: issuerCollection, item: issuerItem },
  workloads: { collection: workloadCollection, item: workloadItem },
  targets: { collection: targetCollection, item: targetItem },
  bindings: { collection: bindingCollection, item: bindingItem },
};

export type Items = { workloads: TWorkload; targets: TTarget; bindings: TBinding };

export const unknownId = "00000000-0000-4000-8000-000000000000";

export function postItem(collection: Collection, token: string, body: unknown) {
  return call(routes[collection].collection.POST, {
    method: "POST",
    path: `/api/v1/${collection}`,
    token,
    body,
  });
}

export function listItems(collection: Collection, token: string, query = "") {
  return call(routes[collection].collection.GET, {
    path: `/api/v1/${collection}${query ? `?${query}` : ""}`,
    token,
  });
}

export function getItem(collection: Collection, token: string, id: string) {
  return call(routes[collection].item.GET, {
    path: `/api/v1/${collection}/${id}`,
    params: { id },
    token,
  });
}

/** `ifMatch` null sends no If-Match header. */
export function patchItem(
  collection: Collection,
  token: string,
  id: string,
  body: unknown,
  ifMatch: string | null = '"v1"',
) {
  return call(routes[collection].item.PATCH, {
    method: "PATCH",
    path: `/api/v1/${collection}/${id}`,
    params: { id },
    token,
    body,
    headers: ifMatch === null ? {} : { "if-match": ifMatch },
  });
}

export function deleteItem(
  collection: Collection,
  token: string,
  id: string,
  ifMatch: string | null = '"v1"',
) {
  return call(routes[collection].item.DELETE, {
    method: "DELETE",
    path: `/api/v1/${collection}/${id}`,
    params: { id },
    token,
    headers: ifMatch === null ? {} : { "if-match": ifMatch },
  });
}

/** The body of a 201, failing with the problem document when it is not one. */
export async function created<T>(response: Response): Promise<T> {
  if (response.status !== 201) {
    const text = await response.text();
    expect.fail(`expected 201, got ${response.status}: ${text}`);
  }
  return (await response.json()) as T;
}

export async function ok<T>(response: Response): Promise<T> {
  if (response.status !== 200) {
    const text = await response.text();
    expect.fail(`expected 200, got ${response.status}: ${text}`);
  }
  return (await response.json()) as T;
}

export type ExpectedParam = { name: string; reason: string | RegExp };

const problemTypes: Record<number, string> = {
  400: "urn:fedlens:problem:bad-request",
  403: "urn:fedlens:problem:forbidden",
  404: "urn:fedlens:problem:not-found",
  409: "urn:fedlens:problem:conflict",
  413: "urn:fedlens:problem:payload-too-large",
  415: "urn:fedlens:problem:unsupported-media-type",
  422: "urn:fedlens:problem:validation-failed",
  428: "urn:fedlens:problem:precondition-required",
};

/**
 * Asserts the status, the problem type that goes with it and, when given,
 * exactly these invalid_params (a RegExp reason must match the whole reason).
 */
export async function expectProblem(
  response: Response,
  status: number,
  invalidParams?: ExpectedParam[],
): Promise<Problem> {
  const problem = await problemOf(response);
  expect({ status: response.status, type: problem.type }, problem.detail).toEqual({
    status,
    type: problemTypes[status],
  });
  if (invalidParams) {
    expect(problem.invalid_params).toEqual(
      invalidParams.map(({ name, reason }) => ({
        name,
        reason: typeof reason === "string" ? reason : expect.stringMatching(reason),
      })),
    );
  }
  return problem;
}

/** Audit events recorded for one entity, oldest first. */
export function auditEventsFor(entityId: string) {
  return getDb().auditEvent.findMany({ where: { entityId }, orderBy: { seq: "asc" } });
}

export function auditEventCount() {
  return getDb().auditEvent.count();
}
