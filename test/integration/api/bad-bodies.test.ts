import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as audit from "@/app/api/v1/audit/route";
import * as issuer from "@/app/api/v1/issuers/[id]/route";
import * as issuers from "@/app/api/v1/issuers/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as users from "@/app/api/v1/users/route";
import { encodeCursor } from "@/lib/pagination";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf, type Problem } from "@/test/support/http";

// Every body-accepting endpoint must turn a bad request into the exact
// problem (CONVENTIONS 7) without echoing the rejected value (CONVENTIONS 16).
// The admin token passes every role check so body validation is reached.

type Handler = Parameters<typeof call>[0];
type Target = { path: string; params?: Record<string, string>; headers?: Record<string, string> };
type FieldCase = [label: string, body: unknown, names: string[]];
type Endpoint = {
  label: string;
  handler: Handler;
  method: "POST" | "PATCH";
  target: () => Target;
  valid: Record<string, unknown>;
  /** A string field, to make a body too large with. */
  textField: string;
  fieldCases: FieldCase[];
};

const canary = `CANARY-${randomUUID()}`;
const huge = `${canary}${"x".repeat(1024 * 1024)}`;
const over = (max: number) => `${canary}-`.padEnd(max + 1, "x");
const without = (body: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(body).filter(([name]) => name !== key));

const issuerBody = { name: "Bad bodies", issuerUrl: "https://bad.example.com", kind: "generic" };

let adminToken: string;
let issuerId: string;
let userId: string;

beforeAll(async () => {
  adminToken = await createTestToken(await createTestUser({ role: "admin" }));
  userId = (await createTestUser({ role: "viewer" })).user.id;
  const created = await call(issuers.POST, {
    method: "POST",
    path: "/api/v1/issuers",
    token: adminToken,
    body: { ...issuerBody, name: "patch-target", issuerUrl: "https://patch-target.example.com" },
  });
  issuerId = ((await created.json()) as { id: string }).id;
});

const userBody = {
  email: "bad-bodies@example.test",
  name: "Bad Bodies",
  role: "viewer",
  password: "a-long-enough-password",
};
const tokenBody = { name: "bad-bodies token", role: "viewer" };

const endpoints: Endpoint[] = [
  {
    label: "POST /api/v1/issuers",
    handler: issuers.POST,
    method: "POST",
    target: () => ({ path: "/api/v1/issuers" }),
    valid: issuerBody,
    textField: "notes",
    fieldCases: [
      ["a number as name", { ...issuerBody, name: 42 }, ["name"]],
      ["a boolean as issuerUrl", { ...issuerBody, issuerUrl: true }, ["issuerUrl"]],
      ["an unknown kind", { ...issuerBody, kind: canary }, ["kind"]],
      ["a number as jwksUri", { ...issuerBody, jwksUri: 7 }, ["jwksUri"]],
      ["an object as notes", { ...issuerBody, notes: { text: canary } }, ["notes"]],
      ["a NUL character in name", { ...issuerBody, name: `${canary}\u0000` }, ["name"]],
      [
        "an http issuerUrl",
        { ...issuerBody, issuerUrl: `http://${canary}.example` },
        ["issuerUrl"],
      ],
      ["no name", without(issuerBody, "name"), ["name"]],
      ["no issuerUrl", without(issuerBody, "issuerUrl"), ["issuerUrl"]],
      ["no kind", without(issuerBody, "kind"), ["kind"]],
      ["a name over 120 characters", { ...issuerBody, name: over(120) }, ["name"]],
      ["notes over 4000 characters", { ...issuerBody, notes: over(4000) }, ["notes"]],
      [
        "an issuerUrl over 600 characters",
        { ...issuerBody, issuerUrl: `https://example.com/${over(600)}` },
        ["issuerUrl"],
      ],
    ],
  },
  {
    label: "PATCH /api/v1/issuers/{id}",
    handler: issuer.PATCH,
    method: "PATCH",
    target: () => ({
      path: `/api/v1/issuers/${issuerId}`,
      params: { id: issuerId },
      headers: { "if-match": '"v1"' },
    }),
    valid: { notes: "patched" },
    textField: "notes",
    fieldCases: [
      ["null as name", { name: null }, ["name"]],
      ["a number as kind", { kind: 3 }, ["kind"]],
      ["an array as issuerUrl", { issuerUrl: [canary] }, ["issuerUrl"]],
      ["a number as notes", { notes: 5 }, ["notes"]],
      ["a NUL character in notes", { notes: `${canary}\u0000` }, ["notes"]],
      ["a name over 120 characters", { name: over(120) }, ["name"]],
      ["notes over 4000 characters", { notes: over(4000) }, ["notes"]],
    ],
  },
  {
    label: "POST /api/v1/users",
    handler: users.POST,
    method: "POST",
    target: () => ({ path: "/api/v1/users" }),
    valid: userBody,
    textField: "name",
    fieldCases: [
      ["a number as email", { ...userBody, email: 5 }, ["email"]],
      ["a boolean as name", { ...userBody, name: false }, ["name"]],
      ["an unknown role", { ...userBody, role: canary }, ["role"]],
      ["a number as password", { ...userBody, password: 123456789012345 }, ["password"]],
      [
        "a NUL character in name",
        { ...userBody, email: "nul@example.test", name: `${canary}\u0000` },
        ["name"],
      ],
      ["a malformed email", { ...userBody, email: canary }, ["email"]],
      ["a short password", { ...userBody, password: canary.slice(0, 11) }, ["password"]],
      ["no email", without(userBody, "email"), ["email"]],
      ["no name", without(userBody, "name"), ["name"]],
      ["no role", without(userBody, "role"), ["role"]],
      ["no password", without(userBody, "password"), ["password"]],
      ["an email over 320 characters", { ...userBody, email: `${over(320)}@x.test` }, ["email"]],
      ["a name over 200 characters", { ...userBody, name: over(200) }, ["name"]],
      ["a password over 256 characters", { ...userBody, password: over(256) }, ["password"]],
    ],
  },
  {
    label: "PATCH /api/v1/users/{id}",
    handler: user.PATCH,
    method: "PATCH",
    target: () => ({
      path: `/api/v1/users/${userId}`,
      params: { id: userId },
      headers: { "if-match": '"v1"' },
    }),
    valid: { role: "operator" },
    textField: "role",
    fieldCases: [
      ["a number as role", { role: 1 }, ["role"]],
      ["a string as disabled", { disabled: canary }, ["disabled"]],
      ["null as disabled", { disabled: null }, ["disabled"]],
      ["an unknown role", { role: canary }, ["role"]],
      ["neither role nor disabled", {}, ["(body)"]],
    ],
  },
  {
    label: "POST /api/v1/tokens",
    handler: tokens.POST,
    method: "POST",
    target: () => ({ path: "/api/v1/tokens" }),
    valid: tokenBody,
    textField: "name",
    fieldCases: [
      ["a number as name", { ...tokenBody, name: 1 }, ["name"]],
      ["an unknown role", { ...tokenBody, role: canary }, ["role"]],
      ["null as role", { ...tokenBody, role: null }, ["role"]],
      ["a blank name", { ...tokenBody, name: "   " }, ["name"]],
      ["a NUL character in name", { ...tokenBody, name: `${canary}\u0000` }, ["name"]],
      ["no name", without(tokenBody, "name"), ["name"]],
      ["no role", without(tokenBody, "role"), ["role"]],
      ["a name over 100 characters", { ...tokenBody, name: over(100) }, ["name"]],
    ],
  },
];

const invalidUtf8 = new Uint8Array([...Buffer.from('{"name":"'), 0xff, 0xfe, ...Buffer.from('"}')]);

/** A string or object goes through call(); bytes are sent raw, with no content type unless given. */
function send(endpoint: Endpoint, body: unknown, contentType?: string): Promise<Response> {
  const { path, params, headers } = endpoint.target();
  if (!(body instanceof Uint8Array)) {
    return call(endpoint.handler, {
      method: endpoint.method,
      path,
      params,
      token: adminToken,
      body,
      headers: { ...headers, ...(contentType && { "content-type": contentType }) },
    });
  }
  const raw = new Headers({ ...headers, authorization: `Bearer ${adminToken}` });
  if (contentType) raw.set("content-type", contentType);
  const request = new Request(`http://localhost:3000${path}`, {
    method: endpoint.method,
    headers: raw,
    body: new Uint8Array(body),
  });
  return endpoint.handler(request, { params: Promise.resolve(params ?? {}) });
}

/** The exact status and type, never a 500, and the canary nowhere in the response. */
async function expectProblem(response: Response, status: number) {
  const text = await response.clone().text();
  expect(response.status, text).toBe(status);
  expect(text).not.toContain("CANARY");
  const problem = await problemOf(response);
  expect(problem.type).toBe(`urn:fedlens:problem:${codes[status]}`);
  return problem;
}

const names = (problem: Problem) =>
  (problem.invalid_params ?? []).map((param) => param.name).sort();

// One problem type per status on these endpoints (lib/errors.ts, RFC 9457 `type`).
const codes: Record<number, string> = {
  400: "bad-request",
  413: "payload-too-large",
  415: "unsupported-media-type",
  422: "validation-failed",
};

type GenericCase = [
  label: string,
  request: (endpoint: Endpoint) => Promise<Response>,
  status: number,
  fields?: string[],
];

const json = "application/json";
const genericCases: GenericCase[] = [
  ["an unknown field", (e) => send(e, { ...e.valid, extraField: canary }), 422, ["extraField"]],
  ["an array at the top level", (e) => send(e, [canary]), 422, ["(body)"]],
  ["a number at the top level", (e) => send(e, "42"), 422, ["(body)"]],
  ["null at the top level", (e) => send(e, "null"), 422, ["(body)"]],
  ["a string at the top level", (e) => send(e, JSON.stringify(canary)), 422, ["(body)"]],
  ["malformed JSON", (e) => send(e, `{"name": "${canary}`), 400],
  ["a trailing comma", (e) => send(e, `{"name": "${canary}",}`), 400],
  ["an empty body", (e) => send(e, ""), 400],
  ["a whitespace-only body", (e) => send(e, "  \n "), 400],
  ["invalid UTF-8", (e) => send(e, invalidUtf8, json), 400],
  ["text/plain", (e) => send(e, e.valid, "text/plain"), 415],
  ["a form encoding", (e) => send(e, e.valid, "application/x-www-form-urlencoded"), 415],
  ["a JSON look-alike type", (e) => send(e, e.valid, "application/jsonx"), 415],
  ["no content type", (e) => send(e, Buffer.from(JSON.stringify(e.valid))), 415],
  ["a 1 MB string", (e) => send(e, { ...e.valid, [e.textField]: huge }), 413],
];

describe.each(endpoints)("$label", (endpoint) => {
  it.each(endpoint.fieldCases)("rejects %s with 422 naming the field", async (_, body, fields) => {
    const problem = await expectProblem(await send(endpoint, body), 422);
    expect(names(problem)).toEqual(fields);
  });

  it.each(genericCases)("rejects %s with %i", async (_, request, status, fields) => {
    const problem = await expectProblem(await request(endpoint), status);
    if (fields) expect(names(problem)).toEqual(fields);
  });

  // Last, so the PATCH versions above stay current and the bad cases reach validation.
  it("accepts the well-formed body with a charset parameter (control)", async () => {
    const response = await send(endpoint, endpoint.valid, "application/json; charset=utf-8");
    expect(response.status).toBeLessThan(300);
  });
});

// Each list also gets a cursor shaped like its own but holding a value the
// column cannot take (NUL in text, a seq past bigint), plus its own filters.
const lists: [string, Handler, [string, string, string][]][] = [
  [
    "/api/v1/issuers",
    issuers.GET,
    [
      ["a cursor holding a NUL", `cursor=${encodeCursor({ name: `${canary}\u0000` })}`, "cursor"],
      ["a NUL in q", `q=${canary}%00`, "q"],
      ["an unknown kind", `kind=${canary}`, "kind"],
    ],
  ],
  [
    "/api/v1/users",
    users.GET,
    [["a cursor holding a NUL", `cursor=${encodeCursor({ email: `${canary}\u0000` })}`, "cursor"]],
  ],
  [
    "/api/v1/tokens",
    tokens.GET,
    [["a cursor of the wrong shape", `cursor=${encodeCursor({ id: canary })}`, "cursor"]],
  ],
  [
    "/api/v1/audit",
    audit.GET,
    [
      ["a cursor past bigint", `cursor=${encodeCursor({ seq: "9999999999999999999" })}`, "cursor"],
      ["a NUL in action", `action=${canary}%00`, "action"],
      ["a from that is not a date", `from=${canary}`, "from"],
      ["a from outside Postgres's range", "from=-271821-04-20T00:00:00Z", "from"],
    ],
  ],
];

describe.each(lists)("GET %s query string", (path, handler, specific) => {
  it.each([
    ["limit=0", "limit=0", "limit"],
    ["limit=1000", "limit=1000", "limit"],
    ["limit=abc", "limit=abc", "limit"],
    ["limit=-1", "limit=-1", "limit"],
    ["limit=2.5", "limit=2.5", "limit"],
    ["an unknown parameter", `bogus=${canary}`, "bogus"],
    ["a garbage cursor", `cursor=${canary}`, "cursor"],
    ["a cursor over 512 characters", `cursor=${over(512)}`, "cursor"],
    ...specific,
  ])("rejects %s with 422", async (_, query, field) => {
    const response = await call(handler, { path: `${path}?${query}`, token: adminToken });
    const problem = await expectProblem(response, 422);
    expect(names(problem)).toEqual([field]);
  });
});
