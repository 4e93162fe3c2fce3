// The diagnose and evaluate budgets (issue 10 item 8; SECURITY.md 3.6):
// sliding windows, so a burst at the end of one minute and another at the
// start of the next are seen as one; and /evaluate spends a budget of its
// own, never the caller's diagnoses.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { assertDiagnoseAllowed, diagnoseRateRule } from "@/lib/diagnose/diagnose-rate-limit";
import { assertEvaluateAllowed, evaluateRateRule } from "@/lib/diagnose/evaluate-rate-limit";
import { AppError } from "@/lib/errors";
import { consumeSlidingRateLimit } from "@/lib/http/rate-limit";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { problemOf } from "@/test/support/http";
import { atOneInstant } from "@/test/support/still-clock";
import { githubActionsIssuer } from "@/test/support/oidc-issuer";
import { diagnoseCall, evaluateCall } from "./support";

const minute = 60_000;
/** A minute boundary an hour ahead: rows dated there are never swept as old. */
const boundary = () => new Date((Math.floor(Date.now() / minute) + 60) * minute);
const after = (start: Date, ms: number) => new Date(start.getTime() + ms);

function userActor(): Actor {
  return { type: "user", id: randomUUID(), userId: randomUUID(), label: "test", role: "viewer" };
}

async function admitted(attempt: () => Promise<void>): Promise<boolean> {
  try {
    await attempt();
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return false;
    throw error;
  }
}

/** Spends a budget in full, in parallel as a script would. */
async function spend(limit: number, attempt: () => Promise<void>): Promise<void> {
  const results = await Promise.all(Array.from({ length: limit }, () => admitted(attempt)));
  expect(results.every(Boolean)).toBe(true);
}

describe("the diagnose budget", () => {
  it("limits a burst at the end of one minute and the start of the next, which a fixed window allows", async () => {
    const actor = userActor();
    const end = boundary();
    await spend(diagnoseRateRule.limit, () => assertDiagnoseAllowed(actor, after(end, -1_000)));

    // One second into the next minute the last minute's 120 still weigh 118.
    const next = after(end, 1_000);
    const verdicts = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      verdicts.push(await admitted(() => assertDiagnoseAllowed(actor, next)));
    }
    expect(verdicts).toEqual([true, true, false, false, false]);
    await expect(assertDiagnoseAllowed(actor, next)).rejects.toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: 1,
    });

    // A minute later the burst has slid out of the window.
    expect(await admitted(() => assertDiagnoseAllowed(actor, after(end, minute + 1_000)))).toBe(
      true,
    );
  });

  it("admits exactly the limit when attempts arrive at the same time, and counts only those", async () => {
    const key = `test:${randomUUID()}`;
    const rule = { limit: 10, windowSeconds: 60 };
    const at = after(boundary(), 30_000);
    const verdicts = await Promise.all(
      Array.from({ length: 25 }, () => consumeSlidingRateLimit(key, rule, at)),
    );
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(rule.limit);
    const rows = await getDb().rateLimit.findMany({ where: { key: { startsWith: key } } });
    expect(rows.map((row) => row.count)).toEqual([rule.limit]);
  });
});

describe("POST /api/v1/evaluate", () => {
  const body = {
    claims: {
      iss: githubActionsIssuer,
      sub: "repo:contoso/app:ref:refs/heads/main",
      aud: "api://AzureADTokenExchange",
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 300,
    },
    binding: {
      cloud: "azure",
      name: "app-main",
      issuer: githubActionsIssuer,
      audiences: ["api://AzureADTokenExchange"],
      subject: "repo:contoso/app:ref:refs/heads/main",
    },
  };

  async function viewerWithToken(): Promise<{ token: string; actor: Actor }> {
    const owner = await createTestUser({ role: "viewer" });
    const token = await createTestToken(owner);
    const row = await getDb().apiToken.findFirstOrThrow({ where: { createdById: owner.user.id } });
    const actor: Actor = {
      type: "token",
      id: row.id,
      userId: owner.user.id,
      label: "test",
      role: "viewer",
    };
    return { token, actor };
  }

  it("still answers a caller whose diagnoses are used up", () =>
    atOneInstant(async () => {
      const { token, actor } = await viewerWithToken();
      await spend(diagnoseRateRule.limit, () => assertDiagnoseAllowed(actor));

      const refused = await diagnoseCall("a.b.c", token);
      expect(refused.status).toBe(429);
      expect((await problemOf(refused)).type).toBe("urn:fedlens:problem:rate-limited");
      const evaluated = await evaluateCall(body, token);
      expect(evaluated.status, await evaluated.clone().text()).toBe(200);
    }));

  it("answers 429 with Retry-After once its own budget is used up, leaving diagnoses alone", () =>
    atOneInstant(async () => {
      const { token, actor } = await viewerWithToken();
      await spend(evaluateRateRule.limit, () => assertEvaluateAllowed(actor));

      const refused = await evaluateCall(body, token);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await problemOf(refused)).detail).toContain(`More than ${evaluateRateRule.limit}`);
      expect(await admitted(() => assertDiagnoseAllowed(actor))).toBe(true);
    }));
});
