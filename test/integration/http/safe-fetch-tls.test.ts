// The https path against a loopback server whose self-signed certificate is
// made at test time with the openssl CLI (no key is committed). Allow-listing
// a host lifts the address, scheme and port rules, never the TLS checks, and
// TLS is verified against the URL's host name, not the address it resolved to.
import { spawnSync } from "node:child_process";
import type { LookupAddress } from "node:dns";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { safeFetchJson } from "@/lib/http/safe-fetch";
import { fetchJsonGuarded } from "@/lib/http/ssrf/fetch-json";
import { json, type LocalServer, startLocalServer } from "./support/local-server";

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

function makeSelfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "fedlens-tls-"));
  try {
    const result = spawnSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
      "-days", "1", "-subj", "/CN=issuer.test",
      "-addext", "subjectAltName=DNS:issuer.test,IP:127.0.0.1",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
    ]); // prettier-ignore
    if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr.toString()}`);
    return {
      key: readFileSync(path.join(dir, "key.pem"), "utf8"),
      cert: readFileSync(path.join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const toLoopback = async (): Promise<LookupAddress[]> => [{ address: "127.0.0.1", family: 4 }];

describe.skipIf(!hasOpenssl)("https fetches (certificate made with openssl)", () => {
  let server: LocalServer;
  let cert: string;
  const saved = process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;

  beforeAll(async () => {
    const pair = makeSelfSignedCertificate();
    cert = pair.cert;
    server = await startLocalServer({ "/jwks": json({ keys: [] }) }, pair);
  });

  afterAll(() => server.close());

  afterEach(() => {
    if (saved === undefined) delete process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;
    else process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = saved;
    resetEnvCache();
  });

  it("keeps certificate checks on for an allow-listed host", async () => {
    process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = "127.0.0.1";
    resetEnvCache();
    const result = await safeFetchJson(`https://127.0.0.1:${server.port}/jwks`);
    expect(result.ok ? "" : result.error).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:${server.port} has a TLS certificate Fedlens does not trust`),
    );
  });

  it("fetches over https from an IP literal the certificate names", async () => {
    const result = await fetchJsonGuarded(`https://127.0.0.1:${server.port}/jwks`, {
      allowList: ["127.0.0.1"],
      maxBytes: 1024,
      timeoutMs: 2_000,
      tls: { ca: cert },
    });
    expect(result).toMatchObject({ ok: true, status: 200, json: { keys: [] } });
  });

  it("verifies the certificate against the host name while connecting to its address", async () => {
    const result = await fetchJsonGuarded(`https://issuer.test:${server.port}/jwks`, {
      allowList: ["issuer.test"],
      maxBytes: 1024,
      timeoutMs: 2_000,
      tls: { ca: cert },
      resolve: toLoopback,
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
  });

  it("refuses a certificate that does not name the host", async () => {
    const result = await fetchJsonGuarded(`https://other.test:${server.port}/jwks`, {
      allowList: ["other.test"],
      maxBytes: 1024,
      timeoutMs: 2_000,
      tls: { ca: cert },
      resolve: toLoopback,
    });
    expect(result.ok ? "" : result.error).toMatch(
      /^other\.test:\d+ has a TLS certificate Fedlens does not trust: .*other\.test/,
    );
  });
});
