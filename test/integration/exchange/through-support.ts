// Shared by the through-* tests (issue 14, "Done when"): try exchange end to
// end, from catalogue rows and a stored connection to an emulator over its
// per-run CA, through POST /api/v1/exchange and the real exchanger, to the
// emulated token endpoint. What they share: the environment (master key,
// loopback endpoints and issuers), issuers with an https name the emulators
// reach on loopback (and can be held there), the two API calls with every
// body kept, and the search for secrets in pg_dump, logs and bodies.
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import * as historyRoute from "@/app/api/v1/bindings/[id]/exchanges/route";
import * as exchangeRoute from "@/app/api/v1/exchange/route";
import { getDb } from "@/lib/db/client";
import { ZExchangeAttempt, type TExchangeAttempt } from "@/lib/exchange/exchange-schemas";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/credential-marker";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { allowLoopbackIssuers } from "@/test/integration/diagnose/support";
import { setUpSyncEnvironment } from "@/test/integration/sync/sync-support";
import { call } from "@/test/support/http";

export { EMULATED_CREDENTIAL_MARKER };

/** Master key and loopback endpoints for connections, loopback issuers for the keys. */
export function setUpThroughEnvironment() {
  allowLoopbackIssuers();
  return setUpSyncEnvironment();
}

/** First 8 hex of the SHA-256: what the attempt may show of a credential. */
export const fingerprintOf = (credential: string) =>
  createHash("sha256").update(credential).digest("hex").slice(0, 8);

export const signatureOf = (token: string) => token.split(".")[2] ?? token;

/** An API token of a new operator (the budget is 10 exchanges a minute per caller). */
export const newOperator = async () => createTestToken(await createTestUser({ role: "operator" }));

export type IssuerFetches = {
  /** Sends the emulators' fetches of `name` (an https issuer without a server) to `origin`. */
  route(name: string, origin: string): void;
  /** Holds the emulators' fetches to `prefix` (the issuer, so the cloud's answer waits) until released. */
  hold(prefix: string): () => void;
};

/**
 * The emulators fetch the issuer's discovery and keys with the global fetch;
 * Fedlens fetches through its own SSRF-safe client (undici), so neither the
 * routing nor a hold touches Fedlens's prediction.
 */
export function routeIssuerFetches(): IssuerFetches {
  const routes = new Map<string, string>();
  const gates = new Map<string, Promise<void>>();
  beforeAll(() => {
    const original = globalThis.fetch;
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      if (typeof input !== "string") return original(input, init);
      let url = input;
      for (const [name, origin] of routes) {
        if (url.startsWith(name)) url = origin + url.slice(name.length);
      }
      for (const [prefix, gate] of gates) {
        if (input.startsWith(prefix) || url.startsWith(prefix)) await gate;
      }
      return original(url, init);
    });
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });
  return {
    route: (name, origin) => void routes.set(name, origin),
    hold(prefix) {
      let release = () => {};
      gates.set(prefix, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        gates.delete(prefix);
        release();
      };
    },
  };
}

export type ExchangeAnswer = {
  status: number;
  headers: Headers;
  text: string;
  attempt: TExchangeAttempt;
};

export type ExchangeApi = ReturnType<typeof exchangeApi>;

/** The two API calls, each response body kept for the final search. */
export function exchangeApi() {
  const bodies: string[] = [];
  async function post(apiToken: string, token: string, bindingId: string) {
    const response = await call(exchangeRoute.POST, {
      method: "POST",
      path: "/api/v1/exchange",
      token: apiToken,
      body: { token, bindingId },
    });
    const text = await response.text();
    bodies.push(text);
    // Held to the documented shape, so the API cannot grow a field unnoticed.
    const attempt = (response.ok ? ZExchangeAttempt.strict().parse(JSON.parse(text)) : null)!;
    return { status: response.status, headers: response.headers, text, attempt };
  }
  return {
    bodies,
    post,
    /** POST /api/v1/exchange expecting 200: the stored attempt as the API shows it. */
    async exchange(apiToken: string, token: string, bindingId: string) {
      const answer = await post(apiToken, token, bindingId);
      expect(answer.status, answer.text).toBe(200);
      return answer.attempt;
    },
    /** GET /api/v1/bindings/{id}/exchanges (first page). */
    async history(apiToken: string, bindingId: string): Promise<TExchangeAttempt[]> {
      const response = await call(historyRoute.GET, {
        path: `/api/v1/bindings/${bindingId}/exchanges`,
        params: { id: bindingId },
        token: apiToken,
      });
      const text = await response.text();
      bodies.push(text);
      expect(response.status, text).toBe(200);
      const { data } = JSON.parse(text) as { data: unknown[] };
      return data.map((attempt) => ZExchangeAttempt.strict().parse(attempt));
    },
  };
}

/** The attempt as stored, with the same shape the API gives. */
export async function storedAttempt(id: string) {
  return getDb().exchangeAttempt.findUniqueOrThrow({ where: { id } });
}

/** Rows of the binding still marked running (the one-in-flight lease). */
export const runningFor = (bindingId: string) =>
  getDb().exchangeAttempt.count({ where: { bindingId, status: "running" } });

/** A data-only pg_dump of this run's database. */
export async function pgDump(): Promise<string> {
  const url = new URL(inject("databaseUrl"));
  const { stdout } = await promisify(execFile)("pg_dump", ["--data-only", url.toString()], {
    maxBuffer: 128 * 1024 * 1024,
  });
  return stdout;
}

/** Which of `secrets` appear in which of the places searched. */
export function traces(places: Record<string, string>, secrets: string[]) {
  const found: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    secrets.forEach((secret, index) => {
      if (secret && text.includes(secret)) found.push(`${place}: secret #${index}`);
    });
  }
  return found;
}

/** A repository name unique to the test, for a GitHub-shaped subject. */
export const uniqueRepo = () => `app-${randomUUID().slice(0, 8)}`;

/** One binding catalogued over a fresh trust object in a cloud's emulator. */
export type ThroughBinding = {
  bindingId: string;
  /** A token the trust accepts. */
  mint(): Promise<string>;
  /** How many times the emulated token endpoint was asked for this binding. */
  calls(): number;
};

/** What the tests shared by every cloud need of it. */
export type ThroughCloud = {
  /** The token endpoint, as test names read ("STS", "Entra"). */
  endpoint: string;
  catalogued(): Promise<ThroughBinding>;
  /** Where the emulator fetches the issuer's keys: held to keep an exchange in flight. */
  issuerPrefix(): string;
};

/** Roles, the per-caller budget and one exchange in flight per binding, through the API. */
export function describeWhoAndHowOften(
  cloud: ThroughCloud,
  api: ExchangeApi,
  fetches: IssuerFetches,
) {
  describe("who may try, and how often", () => {
    it("answers 403 to a viewer and calls nothing", async () => {
      const binding = await cloud.catalogued();
      const viewer = await createTestToken(await createTestUser({ role: "viewer" }));
      const answer = await api.post(viewer, await binding.mint(), binding.bindingId);
      expect(answer.status).toBe(403);
      expect(binding.calls()).toBe(0);
      expect(await getDb().exchangeAttempt.count({ where: { bindingId: binding.bindingId } })).toBe(
        0,
      );
    });

    it("answers the 11th exchange in a minute with 429 and Retry-After", async () => {
      const binding = await cloud.catalogued();
      const operator = await newOperator();
      const statuses: number[] = [];
      let last: ExchangeAnswer | undefined;
      for (let i = 0; i < 11; i += 1) {
        last = await api.post(operator, await binding.mint(), binding.bindingId);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(binding.calls()).toBe(10);
    });

    it(`runs one exchange per binding at a time: a second one hears 429 while ${cloud.endpoint} is still answering`, async () => {
      const binding = await cloud.catalogued();
      // The endpoint waits on the issuer's keys; Fedlens's prediction does not (it has them cached).
      const release = fetches.hold(cloud.issuerPrefix());
      let first: Promise<ExchangeAnswer> | undefined;
      try {
        first = api.post(await newOperator(), await binding.mint(), binding.bindingId);
        await expect.poll(() => runningFor(binding.bindingId)).toBe(1);
        const second = await api.post(await newOperator(), await binding.mint(), binding.bindingId);
        expect(second.status).toBe(429);
        expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
      } finally {
        release();
      }
      const answered = await first!;
      expect(answered.status, answered.text).toBe(200);
      expect(answered.attempt.status).toBe("succeeded");
      expect(binding.calls()).toBe(1);
      // The binding is free again once the answer is in.
      const third = await api.post(await newOperator(), await binding.mint(), binding.bindingId);
      expect(third.attempt?.status).toBe("succeeded");
    });
  });
}

/** What the leak search looks through and looks for. */
export type Trail = {
  /** Every token minted in the file (the signature part is searched for too). */
  tokens: string[];
  /** Every credential the emulator minted, read from its state at the end. */
  credentials(): string[];
  /** Captured log text by name (Fedlens's pino log, an SDK's log). */
  logs(): Record<string, string>;
};

/** The last test of a file: no token and no credential in pg_dump, logs or response bodies. */
export function describeNoTrace(api: ExchangeApi, trail: Trail) {
  describe("the credential and the token leave no trace", () => {
    it("in a pg_dump of the database, the logs or any response body", async () => {
      const credentials = trail.credentials();
      // The search looks for real credentials and real tokens...
      const marked = credentials.filter((c) => c.includes(EMULATED_CREDENTIAL_MARKER));
      expect(marked.length).toBeGreaterThan(10);
      expect(trail.tokens.length).toBeGreaterThan(15);
      expect(api.bodies.length).toBeGreaterThan(15);
      const dump = await pgDump();
      // ...where the attempts and their audit events are...
      const attempts = await getDb().exchangeAttempt.findMany({
        select: { id: true, status: true },
      });
      expect(attempts.length).toBeGreaterThan(15);
      for (const { id } of attempts) expect(dump).toContain(id);
      const audited = await getDb().auditEvent.count({ where: { action: "binding.exchange" } });
      expect(audited).toBe(attempts.filter((a) => a.status !== "abandoned").length);
      // ...and finds none of them, nor the marker.
      const secrets = [
        EMULATED_CREDENTIAL_MARKER,
        ...credentials,
        ...trail.tokens,
        ...trail.tokens.map(signatureOf),
      ];
      const places = { dump, ...trail.logs(), responses: api.bodies.join("\n") };
      expect(traces(places, secrets)).toEqual([]);
    });
  });
}
