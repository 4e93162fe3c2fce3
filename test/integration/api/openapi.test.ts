import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as openapi from "@/app/api/v1/openapi.json/route";
import { call } from "@/test/support/http";

// The document is generated from the handlers' zod schemas; this test ties it
// to the route files on disk, so a new route without documentation fails here.

type Schema = {
  $ref?: string;
  type?: string;
  additionalProperties?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
};
type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
};
type Document = {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const apiRoot = path.resolve(import.meta.dirname, "../../../app/api/v1");
const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
// The document does not describe the route that serves it.
const undocumented = new Set(["/openapi.json"]);

/** `issuers/[id]/route.ts` → `/issuers/{id}`, for every route file under app/api/v1. */
function routeFiles(): { apiPath: string; file: string }[] {
  return readdirSync(apiRoot, { recursive: true, encoding: "utf8" })
    .filter((entry) => path.basename(entry) === "route.ts")
    .map((entry) => ({
      file: path.join(apiRoot, entry),
      apiPath: `/${path.dirname(entry).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}"),
    }));
}

const routes = routeFiles();
let document: Document;

beforeAll(async () => {
  const response = await call(async (request) => openapi.GET(request), {
    path: "/api/v1/openapi.json",
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  document = (await response.json()) as Document;
});

function resolve(schema: Schema | undefined): Schema | undefined {
  const name = schema?.$ref?.replace("#/components/schemas/", "");
  return name ? document.components?.schemas?.[name] : schema;
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and names this console's API as its server", () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.servers?.map((server) => server.url)).toEqual(["http://localhost:3000/api/v1"]);
  });

  it("finds the route files it checks against", () => {
    expect(routes.map((route) => route.apiPath)).toEqual(
      expect.arrayContaining(["/issuers", "/issuers/{id}", "/users", "/tokens/{id}", "/audit"]),
    );
  });

  it("documents every route file under app/api/v1 and nothing else", () => {
    const onDisk = routes.map((route) => route.apiPath).filter((p) => !undocumented.has(p));
    expect(Object.keys(document.paths).sort()).toEqual(onDisk.sort());
  });

  it.each(routes.filter((route) => !undocumented.has(route.apiPath)))(
    "documents exactly the methods $apiPath exports",
    async ({ apiPath, file }) => {
      const exported = Object.keys((await import(file)) as object)
        .filter((name) => (httpMethods as readonly string[]).includes(name))
        .map((name) => name.toLowerCase());
      expect(exported.length).toBeGreaterThan(0);
      expect(Object.keys(document.paths[apiPath] ?? {}).sort()).toEqual(exported.sort());
    },
  );

  it("declares each path parameter and a strict JSON request body on every POST, PUT and PATCH", () => {
    const operations = Object.entries(document.paths).flatMap(([apiPath, item]) =>
      Object.entries(item).map(([method, operation]) => ({ apiPath, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(0);
    for (const { apiPath, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${apiPath}`;
      const pathParams = [...apiPath.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === "path")
        .map((parameter) => parameter.name);
      expect(declared, where).toEqual(pathParams);
      expect(Object.keys(operation.responses ?? {}), where).toContain("401");
      if (!["post", "put", "patch"].includes(method)) continue;
      const schema = resolve(operation.requestBody?.content?.["application/json"]?.schema);
      // A discriminated union (one body shape per target kind) is strict branch by branch.
      const branches = schema?.oneOf ?? schema?.anyOf ?? [schema];
      for (const branch of branches.map((candidate) => resolve(candidate))) {
        expect(branch?.type, where).toBe("object");
        expect(branch?.additionalProperties, where).toBe(false);
      }
    }
  });

  it("describes the extra problem members diagnose and the audit checkpoint answer with", () => {
    const problem = document.components?.schemas?.Problem as
      { properties?: Record<string, unknown> } | undefined;
    expect(Object.keys(problem?.properties ?? {})).toEqual(
      expect.arrayContaining(["invalid_params", "position", "header", "brokenSeq"]),
    );
  });
});
