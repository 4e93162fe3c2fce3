import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auditList from "@/app/api/v1/audit/route";
import * as diagnoseRoute from "@/app/api/v1/diagnose/route";
import * as me from "@/app/api/v1/me/route";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { getDb } from "@/lib/db/client";
import type { TAuditEvent } from "@/lib/schemas/audit";
import type { TIssuer } from "@/lib/schemas/issuer";
import {
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call } from "@/test/support/http";
import { startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, catalogueIssuer } from "@/test/integration/diagnose/support";

// Every diagnosis is in the audit trail (issue 15 §7): the token's SHA-256,
// its issuer and the verdict counts, under the caller's identity and request
// id; never the token.

allowLoopbackIssuers();

let oidc: OidcIssuer;
let catalogued: TIssuer;
let viewerToken: string;
let viewerTokenId: string;
let subject: string;

beforeAll(async () => {
  oidc = await startOidcIssuer();
  catalogued = await catalogueIssuer(oidc);
  // Two trusts of this issuer: one admits the token below, the other does not.
  for (let index = 0; index < 2; index += 1) {
    const workload = await createTestWorkload({ issuer: catalogued });
    subject ??= workload.subject;
    await createTestBinding({
      workload,
      target: await createTestTarget("azure-uami"),
      spec: azureSpec(workload),
    });
  }
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
  const whoami = await call(me.GET, { path: "/api/v1/me", token: viewerToken });
  viewerTokenId = ((await whoami.json()) as { id: string }).id;
});

afterAll(() => oidc.stop());

async function diagnose(token: string, requestId: string) {
  const response = await call(diagnoseRoute.POST, {
    method: "POST",
    path: "/api/v1/diagnose",
    token: viewerToken,
    headers: { "x-request-id": requestId },
    body: { token },
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function diagnosisEvent(requestId: string) {
  const events = await getDb().auditEvent.findMany({ where: { requestId } });
  expect(events).toHaveLength(1);
  return events[0]!;
}

const claims = (iss: string) => ({
  iss,
  sub: subject,
  aud: "api://AzureADTokenExchange",
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 300,
});

describe("a diagnosis in the audit trail", () => {
  it("records the token's hash, its issuer and the verdict counts, never the token", async () => {
    const token = await oidc.mint(claims(catalogued.issuerUrl));
    await diagnose(token, "diagnose-trail-0001");
    const event = await diagnosisEvent("diagnose-trail-0001");
    const history = await getDb().diagnosedToken.findFirstOrThrow({
      where: { tokenSha256: createHash("sha256").update(token).digest("hex") },
    });
    expect(event).toMatchObject({
      action: "token.diagnose",
      actorType: "token",
      actorId: viewerTokenId,
      actorRole: "viewer",
      entityType: "diagnosis",
      entityId: history.id,
      before: null,
      after: {
        tokenSha256: history.tokenSha256,
        iss: catalogued.issuerUrl,
        issuerId: catalogued.id,
        signature: "valid",
        accepted: 1,
        rejected: 1,
        undecided: 0,
      },
    });
    const stored = JSON.stringify(event, (_, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    for (const part of [token, ...token.split(".")]) expect(stored).not.toContain(part);
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true });
  });

  it("names no catalogued issuer for a token from an unknown one, and writes strange characters visibly", async () => {
    const token = await oidc.mint(claims("https://unknown\u0000.example\u202E.test"));
    await diagnose(token, "diagnose-trail-0002");
    const event = await diagnosisEvent("diagnose-trail-0002");
    expect(event.after).toMatchObject({
      iss: "https://unknown⟨U+0000⟩.example\u202E.test",
      issuerId: null,
      signature: expect.not.stringMatching(/^valid$/),
    });
  });

  it("shows the viewer their own diagnoses in the audit list", async () => {
    const response = await call(auditList.GET, {
      path: "/api/v1/audit?action=token.diagnose",
      token: viewerToken,
    });
    const { data } = (await response.json()) as { data: TAuditEvent[] };
    expect(data.map((event) => event.requestId)).toEqual([
      "diagnose-trail-0002",
      "diagnose-trail-0001",
    ]);
  });
});
