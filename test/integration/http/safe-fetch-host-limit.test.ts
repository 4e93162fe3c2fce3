// At most two fetches to one host:port at a time (SECURITY.md §2.3 "a
// per-host concurrency of 1–2"; issue 10 item 8): many diagnoses of one
// slow issuer queue for a connection instead of opening one each. A queued
// fetch waits within its own deadline; it is never refused for waiting.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { safeFetchJson } from "@/lib/http/safe-fetch";
import { json, type LocalServer, startLocalServer } from "./support/local-server";

/** A slow issuer: answers each request 100 ms after it arrives, counting how many it holds at once. */
let held = 0;
let mostHeld = 0;
let slow: LocalServer;
let other: LocalServer;
const saved = process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;

beforeAll(async () => {
  slow = await startLocalServer({
    "/jwks": (_request, response) => {
      held += 1;
      mostHeld = Math.max(mostHeld, held);
      setTimeout(() => {
        held -= 1;
        response.writeHead(200, { "content-type": "application/json" }).end('{"keys":[]}');
      }, 100);
    },
    "/hang": () => undefined,
  });
  other = await startLocalServer({ "/": json({}) });
  process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = "127.0.0.1";
  resetEnvCache();
});

afterAll(async () => {
  if (saved === undefined) delete process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;
  else process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = saved;
  resetEnvCache();
  await Promise.all([slow.close(), other.close()]);
});

afterEach(() => {
  slow.requests.length = 0;
  other.requests.length = 0;
});

describe("safeFetchJson per-host concurrency", () => {
  it("holds six simultaneous fetches of one slow issuer to two connections, and all six succeed", async () => {
    const url = `http://127.0.0.1:${slow.port}/jwks`;
    const results = await Promise.all(Array.from({ length: 6 }, () => safeFetchJson(url)));
    expect(results.map((result) => result.ok)).toEqual(Array(6).fill(true));
    expect(slow.requests).toHaveLength(6);
    expect(mostHeld).toBe(2);
  });

  it("times a queued fetch out at its own deadline without it reaching the issuer, and leaves other hosts alone", async () => {
    const hang = `http://127.0.0.1:${slow.port}/hang`;
    const hanging = [safeFetchJson(hang), safeFetchJson(hang)];
    await expect.poll(() => slow.requests.length).toBe(2);

    expect(await safeFetchJson(hang, { timeoutMs: 300 })).toMatchObject({
      ok: false,
      error: `timed out after 300 ms waiting for 2 other fetches from 127.0.0.1:${slow.port}`,
    });
    expect(slow.requests).toHaveLength(2);
    // Another port is another host: it has its own two slots.
    expect(await safeFetchJson(`http://127.0.0.1:${other.port}/`)).toMatchObject({ ok: true });

    slow.dropConnections();
    const released = await Promise.all(hanging);
    expect(released.every((result) => !result.ok)).toBe(true);
    expect(await safeFetchJson(`http://127.0.0.1:${slow.port}/jwks`)).toMatchObject({ ok: true });
  });
});
