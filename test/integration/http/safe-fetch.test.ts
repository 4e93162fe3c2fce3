// safeFetchJson against real loopback servers (SECURITY.md §2; issue 4 item
// 2). The allow-list comes from FEDLENS_ALLOWED_ISSUER_HOSTS through getEnv,
// as in production.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { safeFetchJson } from "@/lib/http/safe-fetch";
import { json, type LocalServer, startLocalServer } from "./support/local-server";

const jwks = { keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y", kid: "k1" }] };
let server: LocalServer;
let origin: string;

beforeAll(async () => {
  server = await startLocalServer({
    "/jwks": json(jwks),
    "/jwk-set": json(jwks, "application/jwk-set+json; charset=utf-8"),
    "/vendor": json({ issuer: "x" }, "application/vnd.example+json"),
    "/redirect": (_request, response) =>
      response.writeHead(302, { location: "https://other.example/jwks" }).end(),
    "/redirect-relative": (_request, response) =>
      response.writeHead(301, { location: "/jwks" }).end(),
    "/missing": (_request, response) => response.writeHead(404).end("not here"),
    "/hang": () => undefined,
    "/drip": (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"keys":');
    },
    "/oversize": (_request, response) => {
      // Chunked, so only counting the streamed bytes can catch it.
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(16 * 1024);
      response.write('{"pad":"');
      for (let index = 0; index < 20; index += 1) response.write(chunk);
      response.end('"}');
    },
    "/declared-oversize": (_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "10485760" });
      response.write("{");
    },
    "/html": (_request, response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("\n  <!doctype html><p>"),
    "/untyped": (_request, response) => response.writeHead(200).end('{"keys":[]}'),
    "/octet-stream": json(jwks, "binary/octet-stream"),
    "/truncated": (_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end('{"keys":['),
    "/latin1": (_request, response) =>
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(Buffer.from([0x7b, 0xe9, 0x7d])),
    "/not-json": (_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end("<html>oops</html>"),
    "/set-cookie": (_request, response) =>
      response
        .writeHead(200, { "content-type": "application/json", "set-cookie": "session=abc" })
        .end("{}"),
  });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server.close());

const saved = process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;

function allowIssuerHosts(value: string) {
  process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = value;
  resetEnvCache();
}

afterEach(() => {
  if (saved === undefined) delete process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;
  else process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = saved;
  resetEnvCache();
  server.requests.length = 0;
});

describe("safeFetchJson with FEDLENS_FETCH_ISSUER_KEYS=off", () => {
  const savedSwitch = process.env.FEDLENS_FETCH_ISSUER_KEYS;
  afterEach(() => {
    if (savedSwitch === undefined) delete process.env.FEDLENS_FETCH_ISSUER_KEYS;
    else process.env.FEDLENS_FETCH_ISSUER_KEYS = savedSwitch;
    resetEnvCache();
  });

  it("sends nothing, even to an allow-listed host, and says how to give keys instead", async () => {
    process.env.FEDLENS_FETCH_ISSUER_KEYS = "off";
    allowIssuerHosts("127.0.0.1");
    const result = await safeFetchJson(`${origin}/jwks`);
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining("catalogue the issuer with its keys pasted"),
    });
    expect(server.requests).toEqual([]);
  });
});

describe("safeFetchJson without an allow-list", () => {
  it("refuses the loopback server before any request reaches it", async () => {
    allowIssuerHosts("");
    const result = await safeFetchJson(`${origin}/jwks`);
    expect(result).toMatchObject({
      ok: false,
      error:
        "refused: 127.0.0.1 is a loopback address; add it to FEDLENS_ALLOWED_ISSUER_HOSTS to allow it",
    });
    expect(result.ok ? undefined : result.status).toBeUndefined();
    expect(server.requests).toEqual([]);
  });

  it.each(["2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0x7f000001", "[::ffff:127.0.0.1]"])(
    "refuses the loopback server spelt %s",
    async (host) => {
      allowIssuerHosts("");
      const result = await safeFetchJson(`http://${host}:${server.port}/jwks`);
      expect(result.ok ? "" : result.error).toMatch(/^refused: \S+ is .*loopback address/);
      expect(server.requests).toEqual([]);
    },
  );

  it("refuses localhost on 443 at connect time, from the address it resolved to", async () => {
    allowIssuerHosts("");
    const result = await safeFetchJson("https://localhost/jwks");
    // Only the connect-time lookup knows what localhost resolved to; without
    // it this would be a connection error, not a refusal.
    expect(result.ok ? "" : result.error).toMatch(
      /^refused: localhost resolved to (127\.0\.0\.1|::1), a loopback address; add localhost to FEDLENS_ALLOWED_ISSUER_HOSTS to allow it$/,
    );
  });

  it("refuses a URL with userinfo", async () => {
    allowIssuerHosts("");
    const result = await safeFetchJson(`http://admin:secret@127.0.0.1:${server.port}/jwks`);
    expect(result.ok ? "" : result.error).toBe("refused: the URL carries a user name or password");
  });

  it.each([
    ["plain http", "http://issuer.example/jwks", "refused: http is not https"],
    ["another port", "https://issuer.example:8443/jwks", "refused: port 8443 is not 443"],
    ["a data: URL", "data:application/json,{}", "refused: only https URLs are fetched, not data:"],
    ["an empty string", "", "refused: not a valid URL"],
  ])("refuses %s without resolving it", async (_name, url, error) => {
    allowIssuerHosts("");
    const result = await safeFetchJson(url);
    expect(result.ok ? "" : result.error).toContain(error);
  });
});

describe("safeFetchJson with the loopback issuer allow-listed", () => {
  it.each(["127.0.0.1", "127.0.0.0/8", "127.0.0.1:PORT", "10.0.0.0/8, 127.0.0.1"])(
    "fetches the JWKS when the allow-list is %s",
    async (entries) => {
      allowIssuerHosts(entries.replace("PORT", String(server.port)));
      const result = await safeFetchJson(`${origin}/jwks`);
      expect(result).toMatchObject({ ok: true, status: 200, json: jwks });
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    },
  );

  it("still refuses the listed host on another port", async () => {
    allowIssuerHosts("127.0.0.1:1");
    const result = await safeFetchJson(`${origin}/jwks`);
    expect(result.ok ? "" : result.error).toContain("127.0.0.1 is a loopback address");
    expect(server.requests).toEqual([]);
  });

  it("refuses localhost at connect time when only an unrelated range is listed", async () => {
    allowIssuerHosts("10.0.0.0/8");
    const result = await safeFetchJson(`http://localhost:${server.port}/jwks`);
    expect(result.ok ? "" : result.error).toMatch(
      /^refused: localhost resolved to (127\.0\.0\.1|::1), a loopback address/,
    );
    expect(server.requests).toEqual([]);
  });

  it("reaches localhost once the loopback ranges are listed", async () => {
    allowIssuerHosts("127.0.0.0/8, ::1/128");
    const result = await safeFetchJson(`http://localhost:${server.port}/jwks`);
    expect(result).toMatchObject({ ok: true, json: jwks });
  });

  it("reports a bad allow-list entry instead of fetching", async () => {
    allowIssuerHosts("127.0.0.1, 10.0.0.0/40");
    const result = await safeFetchJson(`${origin}/jwks`);
    expect(result.ok ? "" : result.error).toBe(
      'FEDLENS_ALLOWED_ISSUER_HOSTS has an entry that is not a host, host:port or CIDR: "10.0.0.0/40"',
    );
    expect(server.requests).toEqual([]);
  });

  it("sends Accept and a fixed User-Agent, and no cookie or credentials", async () => {
    allowIssuerHosts("127.0.0.1");
    await safeFetchJson(`${origin}/set-cookie`);
    await safeFetchJson(`${origin}/jwks`);
    const headers = server.requests[1]?.headers;
    expect(headers).toMatchObject({ accept: "application/json", "user-agent": "fedlens" });
    expect(headers).not.toHaveProperty("cookie");
    expect(headers).not.toHaveProperty("authorization");
  });

  it.each([
    ["application/jwk-set+json", "/jwk-set"],
    ["a vendor +json type", "/vendor"],
  ])("accepts %s", async (_name, path) => {
    allowIssuerHosts("127.0.0.1");
    const result = await safeFetchJson(`${origin}${path}`);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result).not.toHaveProperty("warning");
  });

  // SECURITY.md §2.3: the type is advice; S3 serves an uploaded discovery
  // document as binary/octet-stream and the clouds still read it.
  it.each([
    ["binary/octet-stream", "/octet-stream", jwks, "served as binary/octet-stream"],
    ["no content type", "/untyped", { keys: [] }, "served without a Content-Type"],
  ])("reads JSON served as %s, with a warning", async (_name, path, json, served) => {
    allowIssuerHosts("127.0.0.1");
    expect(await safeFetchJson(`${origin}${path}`)).toMatchObject({
      ok: true,
      status: 200,
      json,
      warning: `${served}, not application/json; read as JSON`,
    });
  });

  it.each([
    ["an absolute redirect", "/redirect", 302, "redirect to other.example refused"],
    ["a relative redirect", "/redirect-relative", 301, "redirect to 127.0.0.1:PORT refused"],
    ["a 404", "/missing", 404, "the issuer answered 404"],
    ["an HTML page", "/html", 200, "the response is HTML or XML, probably an error page"],
    [
      "HTML under a JSON type",
      "/not-json",
      200,
      "the response is HTML or XML, probably an error page",
    ],
    ["a truncated JSON body", "/truncated", 200, "the response is not valid JSON"],
    ["a body that is not UTF-8", "/latin1", 200, "the response is not UTF-8 text"],
    ["a streamed body past 256 KiB", "/oversize", 200, "response larger than 256 KiB"],
    ["a declared length past the cap", "/declared-oversize", 200, "response larger than 256 KiB"],
  ])("fails on %s", async (_name, path, status, error) => {
    allowIssuerHosts("127.0.0.1");
    const result = await safeFetchJson(`${origin}${path}`);
    expect(result).toMatchObject({
      ok: false,
      status,
      error: error.replace("PORT", String(server.port)),
    });
    // A redirect is reported, never followed.
    expect(server.requests.map((request) => request.line)).toEqual([`GET ${path}`]);
  });

  it("applies a smaller byte cap", async () => {
    allowIssuerHosts("127.0.0.1");
    const result = await safeFetchJson(`${origin}/jwks`, { maxBytes: 16 });
    expect(result).toMatchObject({ ok: false, error: "response larger than 16 bytes" });
  });

  it.each([
    ["a server that never answers", "/hang"],
    ["a body that never ends", "/drip"],
  ])("times out on %s", async (_name, path) => {
    allowIssuerHosts("127.0.0.1");
    const result = await safeFetchJson(`${origin}${path}`, { timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, error: "timed out after 200 ms" });
  });
});
