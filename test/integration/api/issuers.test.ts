import { describe, expect, it, beforeAll } from "vitest";
import * as collection from "@/app/api/v1/issuers/route";
import * as item from "@/app/api/v1/issuers/[id]/route";
import { getDb } from "@/lib/db/client";
import {
  createTestSessionCookie,
  createTestToken,
  createTestUser,
  type TestUser,
} from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";

const github = {
  name: "GitHub",
  issuerUrl: "https://token.actions.githubusercontent.com",
  kind: "github-actions",
};

let operator: TestUser;
let operatorToken: string;
let viewerToken: string;

beforeAll(async () => {
  operator = await createTestUser({ role: "operator" });
  operatorToken = await createTestToken(operator);
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

async function createIssuer(body: object = github) {
  const response = await call(collection.POST, {
    method: "POST",
    path: "/api/v1/issuers",
    token: operatorToken,
    body,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as {
    id: string;
    version: number;
    issuerUrl: string;
    warnings: string[];
  };
}

describe("issuers API", () => {
  it("creates an issuer, stores the URL verbatim and records an audit event in the same transaction", async () => {
    const issuer = await createIssuer({
      ...github,
      issuerUrl: "https://token.actions.githubusercontent.com/",
      name: "slash",
    });
    expect(issuer.issuerUrl).toBe("https://token.actions.githubusercontent.com/");
    expect(issuer.warnings.join(" ")).toMatch(/slash/);
    const event = await getDb().auditEvent.findFirst({ where: { entityId: issuer.id } });
    expect(event).toMatchObject({
      action: "issuer.create",
      actorType: "token",
      actorRole: "operator",
    });
  });

  it("returns the ETag on GET and requires If-Match on PATCH", async () => {
    const issuer = await createIssuer({
      ...github,
      name: "etag",
      issuerUrl: "https://gitlab.example.com",
    });
    const got = await call(item.GET, {
      path: `/api/v1/issuers/${issuer.id}`,
      params: { id: issuer.id },
      token: viewerToken,
    });
    expect(got.headers.get("etag")).toBe('"v1"');

    const missing = await call(item.PATCH, {
      method: "PATCH",
      path: `/api/v1/issuers/${issuer.id}`,
      params: { id: issuer.id },
      token: operatorToken,
      body: { notes: "x" },
    });
    expect(missing.status).toBe(428);

    const ok = await call(item.PATCH, {
      method: "PATCH",
      path: `/api/v1/issuers/${issuer.id}`,
      params: { id: issuer.id },
      token: operatorToken,
      headers: { "if-match": '"v1"' },
      body: { notes: "changed" },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"v2"');

    const stale = await call(item.PATCH, {
      method: "PATCH",
      path: `/api/v1/issuers/${issuer.id}`,
      params: { id: issuer.id },
      token: operatorToken,
      headers: { "if-match": '"v1"' },
      body: { notes: "lost update" },
    });
    const problem = await problemOf(stale);
    expect(stale.status).toBe(409);
    expect(problem.detail).toMatch(/changed by token:.* at 20/);
    const after = await getDb().issuer.findUniqueOrThrow({ where: { id: issuer.id } });
    expect(after.notes).toBe("changed");
  });

  it("answers 404 for an unknown id on every method", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const base = { path: `/api/v1/issuers/${id}`, params: { id }, token: operatorToken };
    expect((await call(item.GET, base)).status).toBe(404);
    expect(
      (
        await call(item.PATCH, {
          ...base,
          method: "PATCH",
          headers: { "if-match": '"v1"' },
          body: {},
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(item.DELETE, { ...base, method: "DELETE", headers: { "if-match": '"v1"' } }))
        .status,
    ).toBe(404);
  });

  it("refuses every mutation to a viewer with 403 and changes nothing", async () => {
    const issuer = await createIssuer({
      ...github,
      name: "viewer-target",
      issuerUrl: "https://viewer.example.com",
    });
    const base = {
      path: `/api/v1/issuers/${issuer.id}`,
      params: { id: issuer.id },
      token: viewerToken,
      headers: { "if-match": '"v1"' },
    };
    const post = await call(collection.POST, {
      method: "POST",
      path: "/api/v1/issuers",
      token: viewerToken,
      body: { ...github, name: "v" },
    });
    const patch = await call(item.PATCH, { ...base, method: "PATCH", body: { notes: "no" } });
    const del = await call(item.DELETE, { ...base, method: "DELETE" });
    for (const response of [post, patch, del]) {
      expect(response.status).toBe(403);
      expect((await problemOf(response)).type).toBe("urn:fedlens:problem:forbidden");
    }
    expect(await getDb().issuer.findUnique({ where: { id: issuer.id } })).toMatchObject({
      version: 1,
      notes: "",
    });
  });

  it("deletes with the current version and audits the deleted state", async () => {
    const issuer = await createIssuer({
      ...github,
      name: "to-delete",
      issuerUrl: "https://delete.example.com",
    });
    const response = await call(item.DELETE, {
      method: "DELETE",
      path: `/api/v1/issuers/${issuer.id}`,
      params: { id: issuer.id },
      token: operatorToken,
      headers: { "if-match": '"v1"' },
    });
    expect(response.status).toBe(204);
    const event = await getDb().auditEvent.findFirst({
      where: { entityId: issuer.id, action: "issuer.delete" },
    });
    expect(event?.before).toMatchObject({ name: "to-delete" });
  });

  it("rejects a duplicate URL with a field-level 409", async () => {
    await createIssuer({ ...github, name: "dup-1", issuerUrl: "https://dup.example.com" });
    const response = await call(collection.POST, {
      method: "POST",
      path: "/api/v1/issuers",
      token: operatorToken,
      body: { ...github, name: "dup-2", issuerUrl: "https://dup.example.com" },
    });
    expect(response.status).toBe(409);
    expect((await problemOf(response)).invalid_params).toEqual([
      { name: "issuerUrl", reason: 'already catalogued as "dup-1"' },
    ]);
  });

  it("refuses a cookie-authenticated mutation from another origin but accepts our own", async () => {
    const cookie = await createTestSessionCookie(operator);
    const body = { ...github, name: "csrf", issuerUrl: "https://csrf.example.com" };
    const crossSite = await call(collection.POST, {
      method: "POST",
      path: "/api/v1/issuers",
      cookie,
      body,
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await call(collection.POST, {
      method: "POST",
      path: "/api/v1/issuers",
      cookie,
      body,
    });
    expect(noOrigin.status).toBe(403);
    const sameSite = await call(collection.POST, {
      method: "POST",
      path: "/api/v1/issuers",
      cookie,
      body,
      headers: { origin: "http://localhost:3000" },
    });
    expect(sameSite.status).toBe(201);
  });

  it("searches name and URL case-insensitively, filters by kind and pages with a cursor", async () => {
    for (const index of [1, 2, 3]) {
      await createIssuer({
        name: `Search ${index}`,
        issuerUrl: `https://search-${index}.example.org/realms/x`,
        kind: "keycloak",
      });
    }
    const first = await call(collection.GET, {
      path: "/api/v1/issuers?q=SEARCH-&kind=keycloak&limit=2",
      token: viewerToken,
    });
    const page1 = (await first.json()) as {
      data: { name: string }[];
      meta: { nextCursor: string };
    };
    expect(page1.data.map((issuer) => issuer.name)).toEqual(["Search 1", "Search 2"]);
    const second = await call(collection.GET, {
      path: `/api/v1/issuers?q=SEARCH-&kind=keycloak&limit=2&cursor=${page1.meta.nextCursor}`,
      token: viewerToken,
    });
    const page2 = (await second.json()) as {
      data: { name: string }[];
      meta: { nextCursor: string | null };
    };
    expect(page2.data.map((issuer) => issuer.name)).toEqual(["Search 3"]);
    expect(page2.meta.nextCursor).toBeNull();
  });

  it("treats % and _ in a search as literal characters", async () => {
    await createIssuer({
      name: "percent",
      issuerUrl: "https://percent.example.net",
      kind: "generic",
    });
    const response = await call(collection.GET, {
      path: "/api/v1/issuers?q=%25",
      token: viewerToken,
    });
    expect(((await response.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it("answers 401 without credentials and with a revoked-looking token", async () => {
    expect((await call(collection.GET, { path: "/api/v1/issuers" })).status).toBe(401);
    const bogus = await call(collection.GET, {
      path: "/api/v1/issuers",
      token: "fl_" + "A".repeat(43),
    });
    expect(bogus.status).toBe(401);
  });
});

describe("issuer search escaping", () => {
  it("still finds names that contain % and _ literally", async () => {
    const operator = await createTestUser({ role: "operator" });
    const token = await createTestToken(operator);
    await call(collection.POST, {
      method: "POST",
      path: "/api/v1/issuers",
      token,
      body: { name: "100%_sure", issuerUrl: "https://literal.example.net", kind: "generic" },
    });
    const response = await call(collection.GET, { path: "/api/v1/issuers?q=0%25_s", token });
    expect(
      ((await response.json()) as { data: { name: string }[] }).data.map((issuer) => issuer.name),
    ).toEqual(["100%_sure"]);
  });
});
