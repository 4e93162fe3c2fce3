// The try-exchange use-case with a stand-in exchanger (the clouds' own are
// tested against the emulators in this folder): the prediction beside the
// answer, agreement and its reasons, what is stored and audited (never the
// token), one exchange in flight per binding, the per-caller budget, roles.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exchangeRoute from "@/app/api/v1/exchange/route";
import * as historyRoute from "@/app/api/v1/bindings/[id]/exchanges/route";
import type { CloudExchanger, ExchangeOutcome } from "@/lib/clouds/exchange-types";
import { credentialFingerprint } from "@/lib/clouds/exchange-types";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { tryExchange } from "@/lib/exchange/try-exchange";
import type { TBinding } from "@/lib/schemas/binding";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  azureAudience,
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser, type TestUser } from "@/test/factories/users";
import { call } from "@/test/support/http";
import { atOneInstant } from "@/test/support/still-clock";
import { startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";
import { allowLoopbackIssuers, catalogueIssuer } from "@/test/integration/diagnose/support";

allowLoopbackIssuers();

let issuer: OidcIssuer;
let operator: TestUser;
let workload: TWorkload;
let binding: TBinding;
let good: string;

const credential = `cred-${randomUUID()}`;
const success = (): ExchangeOutcome => ({
  ok: true,
  identity: "11111111-2222-4333-8444-555555555555",
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  grants: ["https://management.azure.com/.default"],
  fingerprint: credentialFingerprint(credential),
  steps: [{ call: "Entra token endpoint", outcome: "ok", durationMs: 12 }],
});
const refusal = (): ExchangeOutcome => ({
  ok: false,
  error: {
    kind: "unauthenticated",
    code: "AADSTS700213",
    message: "No matching federated identity record found for presented assertion subject.",
    cause: "No credential on the identity has this subject.",
    fix: "Compare the credential's subject with the token's sub.",
    status: 401,
  },
  steps: [{ call: "Entra token endpoint", outcome: "failed", durationMs: 9 }],
});
const answering = (outcome: () => ExchangeOutcome) => (): CloudExchanger => ({
  exchange: async () => outcome(),
});

async function newBinding(): Promise<TBinding> {
  const target = await createTestTarget("azure-uami");
  return createTestBinding({ workload, target, spec: azureSpec(workload) });
}

async function mint(sub = workload.subject) {
  const now = Math.floor(Date.now() / 1000);
  return issuer.mint({
    iss: workload.issuer.issuerUrl,
    sub,
    aud: azureAudience,
    iat: now,
    exp: now + 600,
  });
}

const caller = (actor = operator.actor) => ({ actor, requestId: randomUUID() });

beforeAll(async () => {
  issuer = await startOidcIssuer();
  const catalogued = await catalogueIssuer(issuer, { kind: "generic" });
  workload = await createTestWorkload({
    issuer: catalogued,
    subjectSpec: { kind: "free", subject: `svc-${randomUUID()}` },
  });
  binding = await newBinding();
  operator = await createTestUser({ role: "operator" });
  good = await mint();
});

afterAll(() => issuer.stop());

/** Eleven exchanges in a row, one over the per-person budget: "ok" or the refusal's code. */
async function exchangeEleven(actorOf: (attempt: number) => Actor): Promise<string[]> {
  const results: string[] = [];
  for (let attempt = 0; attempt < 11; attempt += 1) {
    results.push(
      await tryExchange({
        ...caller(actorOf(attempt)),
        token: good,
        bindingId: binding.id,
        exchangerFor: answering(success),
      }).then(
        () => "ok",
        (error: unknown) => (isAppError(error) ? error.code : String(error)),
      ),
    );
  }
  return results;
}

describe("try exchange", () => {
  it("sets a success beside an accepting prediction, keeps no token, and audits the attempt", async () => {
    const attempt = await tryExchange({
      ...caller(),
      token: good,
      bindingId: binding.id,
      exchangerFor: answering(success),
    });

    expect(attempt).toMatchObject({
      status: "succeeded",
      bindingId: binding.id,
      identity: "11111111-2222-4333-8444-555555555555",
      fingerprint: credentialFingerprint(credential),
      agreement: "agree",
      reasons: [],
      prediction: { accepted: true, undecided: false, signature: "valid", failingCheck: null },
      claims: { sub: workload.subject, aud: azureAudience },
    });
    const row = await getDb().exchangeAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(good);
    expect(stored).not.toContain(good.split(".")[2]);
    expect(stored).not.toContain(credential);
    const events = await getDb().auditEvent.findMany({
      where: { action: "binding.exchange", entityId: binding.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ attempt: attempt.id, outcome: "succeeded" });
    expect(JSON.stringify(events.map((event) => [event.before, event.after]))).not.toContain(good);
  });

  it("flags a refusal Fedlens predicted would pass, with the recent write and the unchecked drift as reasons", async () => {
    const fresh = await newBinding();
    const attempt = await tryExchange({
      ...caller(),
      token: good,
      bindingId: fresh.id,
      exchangerFor: answering(refusal),
    });

    expect(attempt).toMatchObject({
      status: "failed",
      agreement: "disagree",
      error: { code: "AADSTS700213", fix: expect.any(String) },
      identity: null,
      fingerprint: null,
    });
    expect(attempt.reasons![0]).toMatch(/written 0 minutes ago/);
    expect(attempt.reasons!.join(" ")).toMatch(/never compared/);
    expect(attempt.reasons!.at(-1)).toMatch(/Conditional Access/);
  });

  it("agrees when Fedlens predicted the refusal, naming the failing check", async () => {
    const attempt = await tryExchange({
      ...caller(),
      token: await mint("someone-else"),
      bindingId: binding.id,
      exchangerFor: answering(refusal),
    });

    expect(attempt).toMatchObject({
      agreement: "agree",
      prediction: { accepted: false, failingCheck: { check: "subject" } },
    });
  });

  it("strips the token from a cloud message that quotes it", async () => {
    const quoting = () => {
      const outcome = refusal() as Extract<ExchangeOutcome, { ok: false }>;
      return { ...outcome, error: { ...outcome.error, message: `bad assertion ${good}` } };
    };
    const attempt = await tryExchange({
      ...caller(),
      token: good,
      bindingId: binding.id,
      exchangerFor: answering(quoting),
    });

    expect(attempt.error?.message).toBe("bad assertion [token]");
  });

  it("runs one exchange per binding at a time: a second one hears 429 until the first answers", async () => {
    const target = await newBinding();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: CloudExchanger = {
      exchange: async () => {
        await held;
        return success();
      },
    };
    const first = tryExchange({
      ...caller(),
      token: good,
      bindingId: target.id,
      exchangerFor: () => slow,
    });
    await expect
      .poll(() =>
        getDb().exchangeAttempt.count({ where: { bindingId: target.id, status: "running" } }),
      )
      .toBe(1);

    const second = await tryExchange({
      ...caller(),
      token: good,
      bindingId: target.id,
      exchangerFor: answering(success),
    }).catch((error: unknown) => error);
    expect(isAppError(second) && second.code).toBe("rate_limited");
    expect(isAppError(second) && second.retryAfterSeconds).toBeGreaterThan(0);

    release();
    await expect(first).resolves.toMatchObject({ status: "succeeded" });
    await expect(
      tryExchange({
        ...caller(),
        token: good,
        bindingId: target.id,
        exchangerFor: answering(success),
      }),
    ).resolves.toMatchObject({ status: "succeeded" });
  });

  it("frees the binding when the exchanger fails unexpectedly", async () => {
    const target = await newBinding();
    const broken: CloudExchanger = {
      exchange: async () => {
        throw new Error("socket hang up");
      },
    };
    await expect(
      tryExchange({ ...caller(), token: good, bindingId: target.id, exchangerFor: () => broken }),
    ).rejects.toThrow("socket hang up");
    const rows = await getDb().exchangeAttempt.findMany({ where: { bindingId: target.id } });
    expect(rows.map((row) => row.status)).toEqual(["abandoned"]);
  });

  it("refuses a caller over 10 exchanges a minute with 429", () =>
    atOneInstant(async () => {
      const busy = await createTestUser({ role: "operator" });
      const results = await exchangeEleven(() => busy.actor);
      expect(results.filter((result) => result === "ok")).toHaveLength(10);
      expect(results.at(-1)).toBe("rate_limited");
    }));
});

describe("try exchange limits", () => {
  it("gives up on a cloud that does not answer in time, and frees the binding", async () => {
    const target = await newBinding();
    const silent: CloudExchanger = { exchange: () => new Promise<ExchangeOutcome>(() => {}) };
    const attempt = await tryExchange({
      ...caller(),
      token: good,
      bindingId: target.id,
      exchangerFor: () => silent,
      timeoutMs: 200,
    });
    expect(attempt).toMatchObject({ status: "failed", error: { code: "FedlensTimeout" } });
    await expect(
      tryExchange({
        ...caller(),
        token: good,
        bindingId: target.id,
        exchangerFor: answering(success),
      }),
    ).resolves.toMatchObject({ status: "succeeded" });
  });

  it("counts a person's session and API tokens against one budget", () =>
    atOneInstant(async () => {
      const person = await createTestUser({ role: "operator" });
      const asToken: Actor = {
        type: "token",
        id: randomUUID(),
        userId: person.user.id,
        label: "an API token",
        role: "operator",
      };
      const results = await exchangeEleven((i) => (i % 2 === 0 ? person.actor : asToken));
      expect(results.at(-1)).toBe("rate_limited");
    }));
});

describe("POST /api/v1/exchange and the history", () => {
  it("answers 403 to a viewer, 422 to a malformed token, 404 for an unknown binding", async () => {
    const viewer = await createTestToken(await createTestUser({ role: "viewer" }));
    // A fresh operator: the file's own has spent its exchange budget.
    const operatorToken = await createTestToken(await createTestUser({ role: "operator" }));
    const post = (token: string, body: unknown) =>
      call(exchangeRoute.POST, { method: "POST", path: "/api/v1/exchange", token, body });

    expect((await post(viewer, { token: good, bindingId: binding.id })).status).toBe(403);
    const malformed = await post(operatorToken, { token: "not-a-jwt", bindingId: binding.id });
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).not.toContain("not-a-jwt");
    expect((await post(operatorToken, { token: good, bindingId: randomUUID() })).status).toBe(404);
    expect((await post(operatorToken, { token: good })).status).toBe(422);
  });

  it("lists a binding's attempts newest first, a page at a time", async () => {
    const viewer = await createTestToken(await createTestUser({ role: "viewer" }));
    const list = async (cursor?: string) => {
      const response = await call(historyRoute.GET, {
        path: `/api/v1/bindings/${binding.id}/exchanges?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        params: { id: binding.id },
        token: viewer,
      });
      expect(response.status).toBe(200);
      return (await response.json()) as {
        data: { id: string; startedAt: string }[];
        meta: { nextCursor: string | null };
      };
    };
    const first = await list();
    expect(first.data).toHaveLength(2);
    const second = await list(first.meta.nextCursor!);
    expect(second.data[0]!.startedAt <= first.data[1]!.startedAt).toBe(true);
    expect(second.data.map((a) => a.id)).not.toContain(first.data[0]!.id);
  });
});
