import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { call, problemOf } from "@/test/support/http";

// The bad-body table shared by the catalogue's bad-body files: every body an
// endpoint accepts must turn a bad request into a 4xx problem (CONVENTIONS 7)
// without echoing the rejected value (CONVENTIONS 16).

type Handler = Parameters<typeof call>[0];
export type Body = Record<string, unknown>;
export type FieldCase = [label: string, body: () => unknown, names: string[]];
export type Endpoint = {
  label: string;
  handler: Handler;
  method: "POST" | "PATCH";
  target: () => { path: string; params?: Record<string, string>; headers?: Record<string, string> };
  /** A body the endpoint accepts; the control test sends it last. */
  valid: () => Body;
  /** A field to make a body too large with. */
  textField: string;
  fieldCases: FieldCase[];
};

export const canary = `CANARY-${randomUUID()}`;
const huge = `${canary}${"x".repeat(1024 * 1024)}`;
export const over = (max: number) => `${canary}-`.padEnd(max + 1, "x");
export const notJson = `{${canary}`;
export const without = (body: Body, key: string) =>
  Object.fromEntries(Object.entries(body).filter(([name]) => name !== key));

/** The item route of a collection, at version 1 (bad bodies never bump it). */
export const itemTarget = (collection: string, id: () => string) => () => ({
  path: `/api/v1/${collection}/${id()}`,
  params: { id: id() },
  headers: { "if-match": '"v1"' },
});

export function send(
  endpoint: Endpoint,
  token: string,
  body: unknown,
  contentType?: string,
): Promise<Response> {
  const { path, params, headers } = endpoint.target();
  return call(endpoint.handler, {
    method: endpoint.method,
    path,
    params,
    token,
    body,
    headers: { ...headers, ...(contentType && { "content-type": contentType }) },
  });
}

const codes: Record<number, string> = {
  400: "bad-request",
  413: "payload-too-large",
  415: "unsupported-media-type",
  422: "validation-failed",
};

/** The exact status and problem type, never a 500, and the canary nowhere; returns the sorted field names. */
export async function expectRefused(response: Response, status: number): Promise<string[]> {
  const text = await response.clone().text();
  expect(response.status, text).toBe(status);
  expect(text).not.toContain("CANARY");
  const problem = await problemOf(response);
  expect(problem.type).toBe(`urn:fedlens:problem:${codes[status]}`);
  return (problem.invalid_params ?? []).map((param) => param.name).sort();
}

type GenericCase = [
  label: string,
  request: (endpoint: Endpoint, token: string) => Promise<Response>,
  status: number,
  names?: string[],
];

const genericCases: GenericCase[] = [
  [
    "an unknown top-level field",
    (e, t) => send(e, t, { ...e.valid(), extraField: canary }),
    422,
    ["extraField"],
  ],
  ["an array at the top level", (e, t) => send(e, t, [canary]), 422, ["(body)"]],
  ["malformed JSON", (e, t) => send(e, t, `{"spec": "${canary}`), 400],
  ["an empty body", (e, t) => send(e, t, ""), 400],
  ["text/plain", (e, t) => send(e, t, e.valid(), "text/plain"), 415],
  ["a 1 MB string", (e, t) => send(e, t, { ...e.valid(), [e.textField]: huge }), 413],
];

/** One describe per endpoint: its field cases, the generic cases, then the control. */
export function describeBadBodies(endpoints: Endpoint[], token: () => string): void {
  describe.each(endpoints)("$label", (endpoint) => {
    it.each(endpoint.fieldCases)("rejects %s with 422 naming the field", async (_, body, names) => {
      expect(await expectRefused(await send(endpoint, token(), body()), 422)).toEqual(names);
    });

    it.each(genericCases)("rejects %s with %i", async (_, request, status, names) => {
      const found = await expectRefused(await request(endpoint, token()), status);
      if (names) expect(found).toEqual(names);
    });

    // Last, so the PATCH versions above stay current and the bad cases reach validation.
    it("accepts the well-formed body (control)", async () => {
      const response = await send(endpoint, token(), endpoint.valid());
      expect(response.status, await response.clone().text()).toBeLessThan(300);
    });
  });
}
