import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sampleRoute from "@/app/api/v1/workloads/[id]/sample-token/route";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { resetEnvCache } from "@/lib/env";
import { tryExchange } from "@/lib/exchange/try-exchange";
import { allowEmulatorEndpoints } from "@/lib/sandbox/allow-emulator-endpoints";
import { mintSampleToken } from "@/lib/sandbox/mint-sample-token";
import { sandboxIssuerUrl } from "@/lib/sandbox/sandbox-issuer";
import { refusedSandboxBinding, sandboxWorkloads } from "@/lib/sandbox/sandbox-issuer-estate";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";
import { createTestToken, createTestUser, type TestUser } from "@/test/factories/users";
import { call } from "@/test/support/http";
import { testKeyring } from "./sandbox-support";

// The Sandbox issuer end to end without a browser: its key made once and
// kept, its catalogue entries, its discovery and keys on loopback, the
// emulators trusting it, sample tokens only while the sandbox runs, and real
// exchanges with those tokens: accepted where the trust is right, refused
// (as predicted) on the binding whose subject has a typo.

let keyring: MasterKeyring;
let dataDir: string;
let sandbox: Sandbox;
let operator: TestUser;
let viewer: TestUser;

const workloadId = async (name: string) =>
  (await getDb().workload.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
const bindingOf = async (target: string, name: string) =>
  getDb().binding.findFirstOrThrow({
    where: { name, target: { name: target } },
    select: { id: true, workloadId: true },
  });

async function sampleFor(target: string, name: string) {
  const binding = await bindingOf(target, name);
  return mintSampleToken({
    actor: operator.actor,
    requestId: randomUUID(),
    workloadId: binding.workloadId,
    bindingId: binding.id,
    dataDir,
  });
}

beforeAll(async () => {
  keyring = await testKeyring();
  dataDir = await mkdtemp(path.join(tmpdir(), "fedlens-sandbox-issuer-"));
  process.env.FEDLENS_DATA_DIR = dataDir;
  resetEnvCache();
  await seedDemo();
  sandbox = await startSandbox({ keyring, dataDir });
  allowEmulatorEndpoints(sandbox);
  operator = await createTestUser({ role: "operator" });
  viewer = await createTestUser({ role: "viewer" });
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the Sandbox issuer", () => {
  it("keeps its key in the data dir, readable by its owner only, and serves the public half", async () => {
    const file = await stat(path.join(dataDir, "sandbox-issuer-key.pem"));
    expect(file.mode & 0o777).toBe(0o600);
    const discovery = (await sandbox.issuer.fetchJson(
      `${sandboxIssuerUrl}/.well-known/openid-configuration`,
    )) as { issuer: string; jwks_uri: string };
    expect(discovery.issuer).toBe(sandboxIssuerUrl);
    const jwks = (await sandbox.issuer.fetchJson(discovery.jwks_uri)) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty("d");
    const issuer = await getDb().issuer.findUniqueOrThrow({
      where: { issuerUrl: sandboxIssuerUrl },
      select: { jwks: true, jwksUri: true },
    });
    expect(issuer.jwksUri).toBeNull();
    expect(issuer.jwks).toEqual({ keys: [expect.objectContaining({ kid: jwks.keys[0]!.kid })] });
  });

  it("keeps the same key and adds nothing twice on the next start", async () => {
    const before = await getDb().binding.count();
    const issuerId = sandbox.issuer.catalogueId;
    const kidOf = async (running: Sandbox) =>
      ((await running.issuer.fetchJson(`${sandboxIssuerUrl}/jwks`)) as { keys: { kid: string }[] })
        .keys[0]?.kid;
    const kid = await kidOf(sandbox);
    await sandbox.close();
    sandbox = await startSandbox({ keyring, dataDir });
    allowEmulatorEndpoints(sandbox);
    expect(sandbox.issuer.catalogueId).toBe(issuerId);
    expect(await kidOf(sandbox)).toBe(kid);
    expect(await getDb().binding.count()).toBe(before);
  });
});

describe("sample tokens", () => {
  it("are signed by the issuer for the workload, with the audience of the binding's cloud, for 10 minutes", async () => {
    const aws = await sampleFor("aws-sandbox-jobs", "NightlyReport");
    const gcp = await sampleFor("gcp-sandbox-issuer", "nightly-report");
    const azure = await sampleFor("uami-sandbox-jobs", "nightly-report");
    const claims = decodeJwt(aws.token);
    expect(claims).toMatchObject({
      iss: sandboxIssuerUrl,
      sub: sandboxWorkloads.report.subject,
      aud: "sts.amazonaws.com",
    });
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(decodeProtectedHeader(aws.token).alg).toBe("RS256");
    expect(decodeJwt(gcp.token).aud).toMatch(
      /^https:\/\/iam\.googleapis\.com\/projects\/\d+\/locations\/global\/workloadIdentityPools\/sandbox-pool\/providers\/sandbox-issuer$/,
    );
    expect(decodeJwt(azure.token).aud).toBe("api://AzureADTokenExchange");
    const events = await getDb().auditEvent.findMany({
      where: { action: "workload.sample_token" },
    });
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(events.map((event) => event.after))).not.toContain(aws.token);
  });

  it("are exchanged for real with Azure, AWS and GCP, as predicted", async () => {
    for (const [target, name, identity] of [
      ["uami-sandbox-jobs", "nightly-report", /^6b2e1d0f-9c8b-4a7f-8e6d-5c4b3a2f1e0d$/],
      ["aws-sandbox-jobs", "NightlyReport", /assumed-role\/sandbox-jobs\//],
      ["gcp-sandbox-issuer", "nightly-report", /sandbox-jobs@/],
    ] as const) {
      const sample = await sampleFor(target, name);
      const binding = await bindingOf(target, name);
      const attempt = await tryExchange({
        actor: operator.actor,
        requestId: randomUUID(),
        token: sample.token,
        bindingId: binding.id,
      });
      expect(attempt, `${target}: ${JSON.stringify(attempt.error)}`).toMatchObject({
        status: "succeeded",
        agreement: "agree",
        fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/),
      });
      expect(attempt.identity).toMatch(identity);
    }
  });

  it("are refused, as predicted, by the binding whose subject has a typo", async () => {
    const sample = await sampleFor(refusedSandboxBinding.target, refusedSandboxBinding.name);
    const binding = await bindingOf(refusedSandboxBinding.target, refusedSandboxBinding.name);
    const attempt = await tryExchange({
      actor: operator.actor,
      requestId: randomUUID(),
      token: sample.token,
      bindingId: binding.id,
    });
    expect(attempt).toMatchObject({
      status: "failed",
      agreement: "agree",
      error: { code: "AccessDenied", cause: expect.any(String), fix: expect.any(String) },
      prediction: { accepted: false },
    });
  });
});

describe("POST /api/v1/workloads/{id}/sample-token", () => {
  const post = async (user: TestUser, id: string, bindingId: string) =>
    call(sampleRoute.POST, {
      method: "POST",
      path: `/api/v1/workloads/${id}/sample-token`,
      params: { id },
      body: { bindingId },
      token: await createTestToken(user),
    });

  it("answers an operator with the token once, uncached", async () => {
    const binding = await bindingOf("aws-sandbox-jobs", "NightlyReport");
    const response = await post(operator, binding.workloadId, binding.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = (await response.json()) as { token: string; sub: string };
    expect(decodeJwt(body.token).sub).toBe(sandboxWorkloads.report.subject);
  });

  it("refuses a viewer with 403", async () => {
    const binding = await bindingOf("aws-sandbox-jobs", "NightlyReport");
    expect((await post(viewer, binding.workloadId, binding.id)).status).toBe(403);
  });

  it("answers 404 for a workload of another issuer, or a binding of another workload", async () => {
    const demo = await getDb().binding.findFirstOrThrow({
      where: { workload: { issuer: { issuerUrl: { not: sandboxIssuerUrl } } } },
      select: { id: true, workloadId: true },
    });
    expect((await post(operator, demo.workloadId, demo.id)).status).toBe(404);
    const builder = await workloadId(sandboxWorkloads.builder.name);
    const report = await bindingOf("aws-sandbox-jobs", "NightlyReport");
    expect((await post(operator, builder, report.id)).status).toBe(404);
  });

  it("answers 404 when the sandbox does not run, even for a Sandbox workload", async () => {
    const binding = await bindingOf("aws-sandbox-jobs", "NightlyReport");
    await sandbox.close();
    try {
      const response = await post(operator, binding.workloadId, binding.id);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/eyJ/);
    } finally {
      sandbox = await startSandbox({ keyring, dataDir });
    }
  });
});
