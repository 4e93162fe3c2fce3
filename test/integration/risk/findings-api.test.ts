import { beforeAll, describe, expect, it } from "vitest";
import * as accept from "@/app/api/v1/findings/[id]/accept/route";
import * as findings from "@/app/api/v1/findings/route";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import type { TRiskFinding } from "@/lib/schemas/risk";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";

// The risk register over the seeded demo estate, through the real route
// handlers: filters, cursor pages, accepting (audited, role-checked) and an
// acceptance that expires.

type ListBody = {
  data: TRiskFinding[];
  meta: {
    nextCursor: string | null;
    counts: Record<string, number>;
    accepted: number;
  };
};

let viewer: string;
let operator: string;

const list = async (query = "", token = viewer) => {
  const response = await call(findings.GET, { path: `/api/v1/findings?${query}`, token });
  expect(response.status).toBe(200);
  return (await response.json()) as ListBody;
};

const acceptOne = (id: string, body: unknown, token = operator) =>
  call(accept.POST, {
    method: "POST",
    path: `/api/v1/findings/${id}/accept`,
    params: { id },
    token,
    body,
  });

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Every finding, following the cursor. */
async function allPages(query: string, limit: number): Promise<TRiskFinding[]> {
  const seen: TRiskFinding[] = [];
  let cursor: string | null = null;
  do {
    const page: ListBody = await list(
      `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.data.length).toBeLessThanOrEqual(limit);
    seen.push(...page.data);
    cursor = page.meta.nextCursor;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  viewer = await createTestToken(await createTestUser({ role: "viewer" }));
  operator = await createTestToken(await createTestUser({ role: "operator" }));
  await seedDemo();
});

describe("the demo estate's findings", () => {
  it("come from all three clouds, with the risky demo bindings among them", async () => {
    const { data } = await list("limit=100");
    expect(new Set(data.map((finding) => finding.cloud))).toEqual(new Set(["aws", "azure", "gcp"]));
    const rules = new Set(data.map((finding) => finding.rule));
    for (const rule of ["aws-trust-no-sub", "gcp-pool-wide-grant", "azure-fic-pull-request"]) {
      expect(rules).toContain(rule);
    }
    // Each cloud has a finding with a concrete fix (Azure's from the repository's environment workloads).
    for (const cloud of ["aws", "azure", "gcp"]) {
      expect(
        data.some((finding) => finding.cloud === cloud && finding.fix),
        cloud,
      ).toBe(true);
    }
    const pr = data.find((finding) => finding.rule === "azure-fic-pull-request");
    expect(JSON.stringify(pr?.fix?.cloudObject)).toContain(
      "repo:contoso/payments-api:environment:",
    );
    const noSub = data.find((finding) => finding.rule === "aws-trust-no-sub");
    expect(noSub).toMatchObject({
      severity: "critical",
      entity: { type: "binding", href: `/bindings/${noSub?.entity.id}` },
      source: { url: expect.stringMatching(/^https:\/\//) as unknown },
    });
    expect(noSub?.why).not.toContain("CLOUDS.md");
    expect(noSub?.fix?.editHref).toMatch(/^\/bindings\/[0-9a-f-]{36}\/edit\?prefill=/);
  });

  it("filters by cloud, severity and rule, and counts open findings per severity", async () => {
    const everything = await list("limit=100");
    const aws = await list("cloud=aws&limit=100");
    expect(aws.data.length).toBeGreaterThan(0);
    expect(aws.data.every((finding) => finding.cloud === "aws")).toBe(true);
    const critical = await list("severity=critical&limit=100");
    expect(critical.data.every((finding) => finding.severity === "critical")).toBe(true);
    expect(critical.data.length).toBe(everything.meta.counts.critical);
    const pool = await list("rule=gcp-pool-wide-grant");
    expect(pool.data.map((finding) => finding.rule)).toEqual(
      pool.data.map(() => "gcp-pool-wide-grant"),
    );
    expect(pool.data.length).toBeGreaterThan(0);
    const total = Object.values(everything.meta.counts).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(everything.data.length - everything.meta.accepted);
  });

  it("refuses an unknown rule with the field named", async () => {
    const response = await call(findings.GET, {
      path: "/api/v1/findings?rule=nope",
      token: viewer,
    });
    expect(response.status).toBe(422);
    expect((await problemOf(response)).invalid_params?.map((param) => param.name)).toEqual([
      "rule",
    ]);
  });

  it("pages with a cursor through every finding once", async () => {
    const everything = (await list("limit=100")).data.map((finding) => finding.id);
    const paged = (await allPages("", 3)).map((finding) => finding.id);
    expect(paged).toEqual(everything);
  });
});

describe("accepting a finding", () => {
  it("refuses a viewer with 403 and an unknown finding with 404", async () => {
    const [target] = (await list("rule=azure-fic-pull-request")).data;
    expect(target).toBeDefined();
    const denied = await acceptOne(
      target!.id,
      { reason: "not mine", expiresAt: inDays(30) },
      viewer,
    );
    expect(denied.status).toBe(403);
    const unknown = await acceptOne("0".repeat(32), { reason: "x", expiresAt: inDays(30) });
    expect(unknown.status).toBe(404);
    expect(await getDb().riskAcceptance.count()).toBe(0);
  });

  it("refuses a past date and one more than a year ahead", async () => {
    const [target] = (await list("rule=azure-fic-pull-request")).data;
    for (const expiresAt of [inDays(-1), inDays(400)]) {
      const response = await acceptOne(target!.id, { reason: "later", expiresAt });
      expect(response.status).toBe(422);
      expect((await problemOf(response)).invalid_params?.map((param) => param.name)).toEqual([
        "expiresAt",
      ]);
    }
  });

  it("sets the finding apart, writes the audit event, and counts it again once expired", async () => {
    const before = await list("limit=100");
    const [target] = (await list("rule=azure-fic-pull-request")).data;
    const response = await acceptOne(target!.id, {
      reason: "PR previews need it until the move to environments",
      expiresAt: inDays(30),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as TRiskFinding).acceptance).toMatchObject({ active: true });

    const open = await list("accepted=false&limit=100");
    expect(open.data.map((finding) => finding.id)).not.toContain(target!.id);
    const accepted = await list("accepted=true&limit=100");
    expect(accepted.data.map((finding) => finding.id)).toEqual([target!.id]);
    expect(accepted.meta.accepted).toBe(1);
    expect(accepted.meta.counts[target!.severity]).toBe(before.meta.counts[target!.severity]! - 1);

    const event = await getDb().auditEvent.findFirst({
      where: { action: "risk.accept", entityId: target!.id },
    });
    expect(event).toMatchObject({
      entityType: "risk",
      after: {
        rule: "azure-fic-pull-request",
        entityId: target!.entity.id,
        reason: "PR previews need it until the move to environments",
      },
    });

    await getDb().riskAcceptance.update({
      where: { findingId: target!.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const expired = await list("accepted=false&limit=100");
    const again = expired.data.find((finding) => finding.id === target!.id);
    expect(again?.acceptance).toMatchObject({ active: false });
    expect(expired.meta.counts).toEqual(before.meta.counts);
  });
});

describe("issuer keys", () => {
  it("reports an issuer whose keys could not be fetched", async () => {
    const issuer = await getDb().issuer.findFirstOrThrow({ select: { id: true, name: true } });
    await getDb().issuerKeySet.upsert({
      where: { issuerId: issuer.id },
      create: { issuerId: issuer.id, checkedAt: new Date(), ok: false, lastError: "HTTP 503" },
      update: { ok: false, lastError: "HTTP 503" },
    });
    const { data } = await list("rule=issuer-keys-unavailable");
    expect(data.map((finding) => [finding.entity.type, finding.entity.id])).toEqual([
      ["issuer", issuer.id],
    ]);
    expect(data[0]?.cloud).toBeNull();
  });
});
