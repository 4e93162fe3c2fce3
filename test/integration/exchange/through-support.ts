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
import { afterAll, beforeAll, expect, inject, vi } from "vitest";
import * as historyRoute from "@/app/api/v1/bindings/[id]/exchanges/route";
import * as exchangeRoute from "@/app/api/v1/exchange/route";
import { getDb } from "@/lib/db/client";
import type { TExchangeAttempt } from "@/lib/exchange/exchange-schemas";
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
    const attempt = (response.ok ? JSON.parse(text) : null) as TExchangeAttempt;
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
      return (JSON.parse(text) as { data: TExchangeAttempt[] }).data;
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
    for (const secret of secrets) {
      if (secret && text.includes(secret)) found.push(`${place}: ${secret.slice(0, 24)}…`);
    }
  }
  return found;
}

/** A subject unique to the test, shaped like a GitHub Actions one. */
export const uniqueRepo = () => `app-${randomUUID().slice(0, 8)}`;
