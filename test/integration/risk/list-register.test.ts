import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { collectFindings } from "@/lib/risk/collect-findings";
import { listFindings } from "@/lib/risk/list-findings";
import { ZFindingListQuery, type TRiskFinding } from "@/lib/schemas/risk";

// The risks page's two lists come from one computation of the findings, and
// are the pages the API gives for the same filters: the open findings paged,
// the accepted ones beside them on one long page (or paged, asked for alone).

const collected = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@/lib/risk/collect-findings", async (importOriginal) => {
  const original = await importOriginal<{ collectFindings: typeof collectFindings }>();
  return {
    collectFindings: (...args: Parameters<typeof collectFindings>) => {
      collected.calls += 1;
      return original.collectFindings(...args);
    },
  };
});

const { listRegister } = await import("@/lib/risk/list-register");

const query = (params: Record<string, string | number>) => ZFindingListQuery.parse(params);

let accepted: TRiskFinding[];

beforeAll(async () => {
  await seedDemo();
  const findings = await collectFindings();
  // Three accepted findings: more than the small pages below hold.
  accepted = findings.slice(1, 4);
  expect(accepted).toHaveLength(3);
  await getDb().riskAcceptance.createMany({
    data: accepted.map((finding) => ({
      findingId: finding.id,
      rule: finding.rule,
      entityType: finding.entity.type,
      entityId: finding.entity.id,
      reason: "known and planned",
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      acceptedBy: "test",
    })),
  });
});

describe("the risks page's lists", () => {
  it("judge the catalogue once for both lists", async () => {
    collected.calls = 0;
    const pages = await listRegister({ query: query({ limit: 2 }) });
    expect(collected.calls).toBe(1);
    expect(pages.open.data).toHaveLength(2);
    expect(pages.accepted?.data).toHaveLength(3);
  });

  it("give the open page and, beside it, every accepted finding on one page", async () => {
    const first = await listRegister({ query: query({ limit: 2 }) });
    const cursor = first.open.nextCursor;
    expect(cursor).not.toBeNull();
    const second = await listRegister({ query: query({ limit: 2, cursor: cursor! }) });
    const open = await listFindings({
      query: query({ limit: 2, cursor: cursor!, accepted: "false" }),
    });
    expect(second.open).toEqual(open);
    expect(second.open.data.map((finding) => finding.id)).not.toEqual(
      first.open.data.map((finding) => finding.id),
    );
    // The cursor belongs to the open list: the accepted ones still start at the top.
    expect(second.accepted).toEqual(
      await listFindings({ query: query({ limit: 100, accepted: "true" }) }),
    );
    expect(second.accepted?.data.map((finding) => finding.id)).toEqual(
      accepted.map((finding) => finding.id),
    );
    expect(second.accepted?.nextCursor).toBeNull();
    expect(second.open.accepted).toBe(3);
  });

  it("page the accepted findings when they are asked for alone", async () => {
    const pages = await listRegister({ query: query({ limit: 2, accepted: "true" }) });
    expect(pages.accepted).toEqual(
      await listFindings({ query: query({ limit: 2, accepted: "true" }) }),
    );
    expect(pages.accepted?.data).toHaveLength(2);
    expect(pages.accepted?.nextCursor).not.toBeNull();
    // The counts at the top of the page still come from the open list.
    expect(pages.open.counts).toEqual(
      (await listFindings({ query: query({ accepted: "false" }) })).counts,
    );
  });

  it("leave the accepted list out when only open findings are asked for", async () => {
    const pages = await listRegister({ query: query({ accepted: "false", cloud: "aws" }) });
    expect(pages.accepted).toBeNull();
    expect(pages.open).toEqual(
      await listFindings({ query: query({ accepted: "false", cloud: "aws" }) }),
    );
  });
});
