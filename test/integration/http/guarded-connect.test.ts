// The connect-time check with a stand-in resolver (SECURITY.md §2.3): names
// are resolved once, inside the connection, and every answer is judged
// before the socket opens, so there is no earlier check for DNS rebinding to
// race.
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { parseAllowList } from "@/lib/http/ssrf/allow-list";
import { fetchJsonGuarded } from "@/lib/http/ssrf/fetch-json";
import { createGuardedAgent } from "@/lib/http/ssrf/guarded-agent";
import { json, type LocalServer, startLocalServer } from "./support/local-server";

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ "/jwks": json({ keys: [] }) });
});

afterAll(() => server.close());

function resolverAnswering(...addresses: string[]) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { calls, resolve };
}

const defaults = { maxBytes: 1024, timeoutMs: 2_000 };

describe("fetchJsonGuarded with a stand-in resolver", () => {
  it.each([
    ["a private answer", ["10.0.0.5"], "10.0.0.5, a private address (RFC 1918)"],
    [
      "the metadata address",
      ["169.254.169.254"],
      "169.254.169.254, a link-local address (169.254.0.0/16, where cloud metadata services live)",
    ],
    [
      "a public answer and loopback",
      ["93.184.216.34", "127.0.0.1"],
      "127.0.0.1, a loopback address",
    ],
    [
      "an IPv4-compatible answer",
      ["::127.0.0.1"],
      "::127.0.0.1, an IPv4-compatible IPv6 address (::/96, embedding 127.0.0.1)",
    ],
    [
      "an IPv4-mapped answer",
      ["::ffff:10.0.0.5"],
      "::ffff:10.0.0.5, an IPv4-mapped address embedding 10.0.0.5, a private address (RFC 1918)",
    ],
    ["a ULA answer", ["fd00:ec2::254"], "fd00:ec2::254, a unique local address (fc00::/7)"],
  ])("refuses a name resolving to %s, resolving it once", async (_name, addresses, reason) => {
    const { calls, resolve } = resolverAnswering(...addresses);
    const result = await fetchJsonGuarded("https://issuer.test/jwks", {
      ...defaults,
      allowList: [],
      resolve,
    });
    expect(result.ok ? "" : result.error).toBe(
      `refused: issuer.test resolved to ${reason}; add issuer.test to FEDLENS_ALLOWED_ISSUER_HOSTS to allow it`,
    );
    expect(calls).toEqual(["issuer.test"]);
  });

  it("connects to the address it checked when that address is allow-listed", async () => {
    const { calls, resolve } = resolverAnswering("127.0.0.1");
    const result = await fetchJsonGuarded(`http://issuer.test:${server.port}/jwks`, {
      ...defaults,
      allowList: ["127.0.0.0/8"],
      resolve,
    });
    expect(result).toMatchObject({ ok: true, json: { keys: [] } });
    expect(calls).toEqual(["issuer.test"]);
    expect(server.requests.at(-1)?.headers.host).toBe(`issuer.test:${server.port}`);
  });

  it("refuses a public answer over http when only a range is listed", async () => {
    const { resolve } = resolverAnswering("93.184.216.34");
    const result = await fetchJsonGuarded("http://issuer.test/jwks", {
      ...defaults,
      allowList: ["10.0.0.0/8"],
      resolve,
    });
    expect(result.ok ? "" : result.error).toBe(
      "refused: http is not https; add issuer.test to FEDLENS_ALLOWED_ISSUER_HOSTS to allow it",
    );
  });

  it("says so when a name has no address", async () => {
    const { resolve } = resolverAnswering();
    const result = await fetchJsonGuarded("https://issuer.test/jwks", {
      ...defaults,
      allowList: [],
      resolve,
    });
    expect(result.ok ? "" : result.error).toBe("issuer.test does not resolve");
  });
});

describe("createGuardedAgent", () => {
  it("refuses an IP literal in the connector itself, which undici never looks up", async () => {
    const parsed = parseAllowList([]);
    if (!parsed.ok) throw new Error(parsed.error);
    // A target as if planTarget had been skipped: the connector is the last line.
    const url = new URL(`http://127.0.0.1:${server.port}/jwks`);
    const target = { url, host: "127.0.0.1", isHostAllowed: false, needsAllowedAddress: false };
    const agent = createGuardedAgent({ target, allowList: parsed.allowList, timeoutMs: 2_000 });
    const before = server.requests.length;
    try {
      await expect(request(url, { dispatcher: agent })).rejects.toThrow(
        "refused: 127.0.0.1 is a loopback address",
      );
    } finally {
      await agent.destroy();
    }
    expect(server.requests.length).toBe(before);
  });

  it("refuses to connect to any host but its target's", async () => {
    const parsed = parseAllowList(["127.0.0.1"]);
    if (!parsed.ok) throw new Error(parsed.error);
    const target = {
      url: new URL("http://issuer.test/"),
      host: "issuer.test",
      isHostAllowed: true,
      needsAllowedAddress: false,
    };
    const agent = createGuardedAgent({ target, allowList: parsed.allowList, timeoutMs: 2_000 });
    try {
      await expect(
        request(`http://127.0.0.1:${server.port}/jwks`, { dispatcher: agent }),
      ).rejects.toThrow("refused: unexpected host 127.0.0.1");
    } finally {
      await agent.destroy();
    }
  });
});
