// GET /api/v1/graph on a real catalogue: the trust map as the page shows it,
// with its filters and cursor pages.
import { beforeAll, describe, expect, it } from "vitest";
import * as graph from "@/app/api/v1/graph/route";
import { getDb } from "@/lib/db/client";
import type { TBinding } from "@/lib/schemas/binding";
import type { TIssuer } from "@/lib/schemas/issuer";
import type { TGraphEdge, TGraphElement, TGraphNode } from "@/lib/trust-map/graph-view-types";
import type { TWorkload } from "@/lib/schemas/workload";
import { collectFindings } from "@/lib/risk/collect-findings";
import { mapSeverities } from "@/lib/trust-map/graph-view-types";
import { createTestIssuer } from "@/test/factories/catalog";
import { createTrustMapEstate } from "./trust-map-estate";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";

type Page = { data: TGraphElement[]; meta: { nextCursor: string | null } };

let token: string;
let issuer: TIssuer;
let web: TWorkload;
let api: TWorkload;
let tool: TWorkload;
let exact: TBinding;
let slip: TBinding;
let broad: TBinding;
let pool: TBinding;

beforeAll(async () => {
  token = await createTestToken(await createTestUser({ role: "viewer" }));
  ({ issuer, web, api, tool, exact, slip, broad, pool } = await createTrustMapEstate());
  await getDb().binding.update({ where: { id: exact.id }, data: { syncState: "in_sync" } });
});

async function getGraph(query = "", auth: { token?: string } = { token }): Promise<Response> {
  return call(graph.GET, { path: `/api/v1/graph${query}`, ...auth });
}

async function allElements(query = ""): Promise<TGraphElement[]> {
  const response = await getGraph(query);
  expect(response.status).toBe(200);
  return ((await response.json()) as Page).data;
}

const nodesOf = (elements: TGraphElement[]) =>
  elements.filter((element): element is TGraphNode => element.type === "node");
const trustEdgesOf = (elements: TGraphElement[]) =>
  elements.filter(
    (element): element is TGraphEdge => element.type === "edge" && element.kind !== "issues",
  );
const edgeKind = (elements: TGraphElement[], binding: TBinding, workload?: TWorkload) =>
  trustEdgesOf(elements).find(
    (edge) =>
      edge.bindingId === binding.id &&
      (workload ? edge.source === `workload:${workload.id}` : edge.kind === "open"),
  )?.kind;

describe("GET /api/v1/graph", () => {
  it("answers 401 without a session or token", async () => {
    const response = await getGraph("", {});
    expect(response.status).toBe(401);
  });

  it("shows every issuer, workload and target with effective, broken and open edges", async () => {
    const elements = await allElements("?limit=1000");
    const ids = nodesOf(elements).map((node) => node.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        `issuer:${issuer.id}`,
        `workload:${web.id}`,
        `workload:${api.id}`,
        `workload:${tool.id}`,
        `target:${exact.target.id}`,
        `target:${broad.target.id}`,
        `target:${pool.target.id}`,
      ]),
    );
    expect(edgeKind(elements, exact, web)).toBe("effective");
    expect(edgeKind(elements, slip, api)).toBe("broken");
    // The broad AWS trust made for web also admits api, another catalogued workload.
    expect(edgeKind(elements, broad, api)).toBe("effective");
    expect(edgeKind(elements, broad)).toBe("open");
    expect(edgeKind(elements, pool)).toBe("open");
    const broken = trustEdgesOf(elements).find((edge) => edge.bindingId === slip.id);
    expect(broken?.reason).toBeTruthy();
    expect(broken?.declared).toBe(true);
  });

  it("narrows to one cloud", async () => {
    const edges = trustEdgesOf(await allElements("?cloud=aws"));
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((edge) => edge.cloud === "aws")).toBe(true);
  });

  it("narrows to one target and to one sync state", async () => {
    const byTarget = trustEdgesOf(await allElements(`?target=${exact.target.id}`));
    expect(new Set(byTarget.map((edge) => edge.bindingId))).toEqual(new Set([exact.id, slip.id]));
    const inSync = trustEdgesOf(await allElements("?sync=in-sync"));
    expect(inSync.map((edge) => edge.bindingId)).toEqual([exact.id]);
    expect(inSync[0]?.syncState).toBe("in-sync");
  });

  it("narrows to an issuer's workloads", async () => {
    const other = await createTestIssuer("gitlab");
    const elements = await allElements(`?issuer=${other.id}`);
    expect(trustEdgesOf(elements)).toEqual([]);
    expect(nodesOf(elements).map((node) => node.id)).toEqual([`issuer:${other.id}`]);
  });

  it("pages nodes before edges, each element once", async () => {
    const everything = await allElements("?limit=1000");
    const seen: TGraphElement[] = [];
    let cursor: string | null = null;
    do {
      const response = await getGraph(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data);
      cursor = page.meta.nextCursor;
    } while (cursor);
    expect(seen.map((element) => element.id).sort()).toEqual(
      everything.map((element) => element.id).sort(),
    );
    const firstEdge = seen.findIndex((element) => element.type === "edge");
    expect(seen.slice(firstEdge).every((element) => element.type === "edge")).toBe(true);
  });

  it("gives each trust its binding's open findings, worst first", async () => {
    const findings = (await collectFindings()).filter((finding) => !finding.acceptance?.active);
    const edges = trustEdgesOf(await allElements("?limit=1000"));
    expect(edges.some((edge) => edge.findings)).toBe(true);
    for (const edge of edges) {
      const own = findings.filter((finding) => finding.entity.id === edge.bindingId);
      expect(edge.findings?.count ?? 0).toBe(own.length);
      if (edge.findings) {
        expect(edge.findings.worst).toBe(own[0]?.severity);
        expect(edge.findings.items[0]?.href).toMatch(/^\/risks\?bindingId=/);
      }
    }
  });

  it.each(mapSeverities)("narrows to trusts with an open finding at least %s", async (severity) => {
    const rank = (value: string) => mapSeverities.indexOf(value as never);
    const atRisk = new Set(
      (await collectFindings())
        .filter((finding) => !finding.acceptance?.active && finding.entity.type === "binding")
        .filter((finding) => rank(finding.severity) <= rank(severity))
        .map((finding) => finding.entity.id),
    );
    const all = trustEdgesOf(await allElements("?limit=1000"));
    const kept = trustEdgesOf(await allElements(`?severity=${severity}&limit=1000`));
    expect(kept.map((edge) => edge.id).sort()).toEqual(
      all
        .filter((edge) => edge.bindingId && atRisk.has(edge.bindingId))
        .map((edge) => edge.id)
        .sort(),
    );
  });

  it.each([
    ["an unknown cloud", "?cloud=oracle", "cloud"],
    ["an issuer that is not an id", "?issuer=github", "issuer.0"],
    ["an unknown sync state", "?sync=synced", "sync"],
    ["a cursor it did not issue", "?cursor=bm90LWEtY3Vyc29y", "cursor"],
    ["a page too large", "?limit=5000", "limit"],
    ["an unknown severity", "?severity=urgent", "severity"],
    ["an unknown parameter", "?risk=high", ""],
  ])("answers 422 for %s", async (_what, query, param) => {
    const response = await getGraph(query);
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    if (param) expect(problem.invalid_params?.map((item) => item.name)).toContain(param);
  });
});
