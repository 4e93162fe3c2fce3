import { beforeAll, describe, expect, it, vi } from "vitest";
import { idleState } from "@/lib/http/action-state";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { collectFindings } from "@/lib/risk/collect-findings";
import { createTestSessionCookie, createTestUser } from "@/test/factories/users";

// The risks page's accept form: the same use-case as the API, a picked date
// meaning the end of that day (UTC), and no acceptance from a viewer.
const request = vi.hoisted(() => ({ headers: new Headers(), cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => {
    const jar = new Map(
      request.cookie
        .split(/;\s*/)
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
    );
    return { get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) };
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { acceptFindingAction } = await import("@/app/(console)/risks/actions");

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

let findingId: string;

beforeAll(async () => {
  await seedDemo();
  const finding = (await collectFindings()).find((f) => f.rule === "gcp-pool-wide-grant");
  findingId = finding?.id ?? "";
  request.headers = new Headers({ origin: "http://localhost:3000" });
});

describe("the accept form", () => {
  it("does not let a viewer accept", async () => {
    request.cookie = await createTestSessionCookie(await createTestUser({ role: "viewer" }));
    const outcome = acceptFindingAction(
      idleState,
      form({ id: findingId, reason: "viewer tries", expiresAt: inDays(10) }),
    ).catch((error: unknown) => ({ status: "thrown", error }));
    expect(await outcome).not.toMatchObject({ status: "success" });
    expect(await getDb().riskAcceptance.count()).toBe(0);
  });

  it("accepts until the end of the picked day", async () => {
    request.cookie = await createTestSessionCookie(await createTestUser({ role: "operator" }));
    const day = inDays(10);
    const state = await acceptFindingAction(
      idleState,
      form({ id: findingId, reason: "pool grant kept for the migration", expiresAt: day }),
    );
    expect(state).toMatchObject({ status: "success" });
    const row = await getDb().riskAcceptance.findUniqueOrThrow({ where: { findingId } });
    expect(row.expiresAt.toISOString()).toBe(`${day}T23:59:59.000Z`);
    expect(row.rule).toBe("gcp-pool-wide-grant");
  });

  it("keeps the form with a message under the field for a missing reason", async () => {
    const state = await acceptFindingAction(
      idleState,
      form({ id: findingId, reason: " ", expiresAt: inDays(10) }),
    );
    expect(state).toMatchObject({ status: "error", fieldErrors: { reason: expect.any(String) } });
  });
});
