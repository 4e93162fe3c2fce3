// GET /api/v1/diagnoses: the caller's own diagnose history (issue 4 item 5:
// "a diagnose history for the user is fine" on the basis of hash + claims).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as historyRoute from "@/app/api/v1/diagnoses/route";
import type { TDiagnosisRecord } from "@/lib/schemas/diagnose";
import { uniqueSuffix } from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";
import { startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, catalogueIssuer, diagnose } from "./support";

allowLoopbackIssuers();

type HistoryBody = { data: TDiagnosisRecord[]; meta: { nextCursor: string | null } };

let issuer: OidcIssuer;
let issuerUrl: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  issuer = await startOidcIssuer();
  issuerUrl = (await catalogueIssuer(issuer)).issuerUrl;
  alice = await createTestToken(await createTestUser({ role: "viewer" }));
  bob = await createTestToken(await createTestUser({ role: "viewer" }));
});

afterAll(() => issuer.stop());

function history(apiToken: string | undefined, search = "") {
  return call(historyRoute.GET, { path: `/api/v1/diagnoses${search}`, token: apiToken });
}

async function historyOf(apiToken: string, search = ""): Promise<HistoryBody> {
  const response = await history(apiToken, search);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as HistoryBody;
}

async function mintFor(sub: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return issuer.mint({ iss: issuerUrl, sub, aud: "api://test", iat: now - 30, exp: now + 600 });
}

describe("the diagnose history", () => {
  it("lists the caller's diagnoses newest first, with the hash and claims but not the token", async () => {
    const user = await createTestToken(await createTestUser({ role: "viewer" }));
    const first = await mintFor(`first-${uniqueSuffix()}`);
    const second = await mintFor(`second-${uniqueSuffix()}`);
    await diagnose(first, user);
    await diagnose(second, user);

    const body = await historyOf(user);
    expect(body.data.map((row) => row.tokenSha256)).toEqual(
      [second, first].map((token) => createHash("sha256").update(token).digest("hex")),
    );
    expect(body.data[0]).toMatchObject({
      iss: issuerUrl,
      aud: "api://test",
      alg: "RS256",
      signature: "valid",
      accepted: 0,
      rejected: 0,
    });
    expect(JSON.stringify(body)).not.toContain(second.split(".")[1]);
  });

  it("shows nobody else's diagnoses", async () => {
    const sub = `alice-only-${uniqueSuffix()}`;
    await diagnose(await mintFor(sub), alice);
    expect((await historyOf(alice)).data.map((row) => row.sub)).toContain(sub);
    expect((await historyOf(bob)).data.map((row) => row.sub)).not.toContain(sub);
  });

  it("pages with a cursor, without repeats or gaps", async () => {
    const user = await createTestToken(await createTestUser({ role: "viewer" }));
    const subs = [1, 2, 3].map((index) => `paged-${index}-${uniqueSuffix()}`);
    for (const sub of subs) await diagnose(await mintFor(sub), user);

    const page1 = await historyOf(user, "?limit=2");
    expect(page1.data.map((row) => row.sub)).toEqual([subs[2], subs[1]]);
    expect(page1.meta.nextCursor).not.toBeNull();
    const page2 = await historyOf(
      user,
      `?limit=2&cursor=${encodeURIComponent(page1.meta.nextCursor ?? "")}`,
    );
    expect(page2.data.map((row) => row.sub)).toEqual([subs[0]]);
    expect(page2.meta.nextCursor).toBeNull();
  });

  it.each([
    ["a cursor this list did not issue", "?cursor=not-a-cursor", "cursor"],
    ["a limit over 100", "?limit=101", "limit"],
    ["an unknown parameter", "?all=1", "all"],
  ])("answers 422 problem+json naming the parameter for %s", async (_name, search, param) => {
    const response = await history(alice, search);
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.invalid_params?.map((entry) => entry.name)).toContain(param);
  });

  it("answers 401 without credentials", async () => {
    expect((await history(undefined)).status).toBe(401);
  });
});
