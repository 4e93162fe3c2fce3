// Try exchange end to end for GCP (issue 14, "Done when"): a gcp-provider
// target on a stored connection to the GCP emulator (https, per-run CA), a
// catalogued issuer, POST /api/v1/exchange, the real GCP exchanger, the
// emulated STS token exchange and IAM Credentials generateAccessToken. Then
// the credential is searched for in a pg_dump, the log and every response body.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { principalForSubject } from "@/lib/clouds/gcp/principals";
import type { TIssuer } from "@/lib/schemas/issuer";
import { runDriftJob } from "@/lib/sync/drift/run-drift-job";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";
import { createServiceAccountKey } from "@/test/emulators/gcp/service-account-key";
import {
  createTestBinding,
  createTestWorkload,
  gcpSpec,
  uniqueSuffix,
} from "@/test/factories/catalog";
import { PROJECT, READER } from "@/test/integration/clouds/gcp/support";
import { catalogueIssuer } from "@/test/integration/diagnose/support";
import { gcpConnection, WIU } from "@/test/integration/sync/drift-worlds";
import { addConnection, addTarget, onlyBindingState } from "@/test/integration/sync/sync-support";
import { githubActionsClaims, startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";
import {
  EMULATED_CREDENTIAL_MARKER,
  describeNoTrace,
  describeWhoAndHowOften,
  exchangeApi,
  fingerprintOf,
  newOperator,
  routeIssuerFetches,
  setUpThroughEnvironment,
  storedAttempt,
  uniqueRepo,
} from "./through-support";

// Every line the shared pino logger writes while this file runs.
const logLines = await vi.hoisted(async () => {
  const lines: string[] = [];
  const { createLogger } = await import("@/lib/log/create-logger");
  const stream = { write: (line: string) => void lines.push(line) };
  (globalThis as { fedlensLogger?: unknown }).fedlensLogger = createLogger("trace", stream);
  return lines;
});

/** An https issuer (the catalogue takes no other); the emulator reaches it on loopback. */
const ISSUER_NAME = "https://issuer-gcp.fedlens.test";
const N = PROJECT.projectNumber;
const MAPPING = { "google.subject": "assertion.sub" };
const CONDITION = "assertion.repository_owner == 'acme'";

const env = setUpThroughEnvironment();
const fetches = routeIssuerFetches();
const api = exchangeApi();
const tokens: string[] = [];

let emulator: GcpEmulator;
let oidc: OidcIssuer;
let issuer: TIssuer;
let connectionId: string;

beforeAll(async () => {
  oidc = await startOidcIssuer({ issuerUrl: ISSUER_NAME });
  fetches.route(ISSUER_NAME, oidc.origin);
  emulator = await startGcpEmulator({ projects: [PROJECT] });
  emulator.state.seedServiceAccount(PROJECT.projectId, "fedlens-reader");
  const keyJson = createServiceAccountKey(emulator, READER);
  issuer = await catalogueIssuer(oidc, { issuerUrl: ISSUER_NAME });
  connectionId = (await addConnection(env.admin(), gcpConnection(emulator, keyJson))).id;
});
afterAll(async () => {
  await emulator?.close();
  await oidc?.stop();
});

/**
 * A pool, a provider for the issuer and a service account granting the
 * repository's subject in the emulator; the provider target, a workload and
 * the grant's binding in the catalogue.
 */
async function catalogued() {
  const suffix = uniqueSuffix();
  const repo = uniqueRepo();
  const subject = `repo:acme/${repo}:ref:refs/heads/main`;
  const poolId = `pool-${suffix}`;
  const pool = { projectNumber: N, poolId };
  emulator.state.seedPool(N, poolId);
  emulator.state.seedProvider(N, poolId, "gh-actions", {
    attributeMapping: { ...MAPPING },
    attributeCondition: CONDITION,
    oidc: { issuerUri: ISSUER_NAME, allowedAudiences: [] },
  });
  const serviceAccount = emulator.state.seedServiceAccount(PROJECT.projectId, `deploy-${suffix}`);
  const member = principalForSubject(pool, subject);
  emulator.state.setPolicy(serviceAccount, [{ role: WIU, members: [member] }]);
  const target = await addTarget(
    env.admin(),
    "gcp-provider",
    {
      projectNumber: N,
      poolId,
      providerId: "gh-actions",
      issuerUri: ISSUER_NAME,
      allowedAudiences: [],
      attributeMapping: MAPPING,
      attributeCondition: CONDITION,
      disabled: false,
      serviceAccountEmail: serviceAccount,
    },
    connectionId,
  );
  const workload = await createTestWorkload({ issuer, subjectSpec: { kind: "free", subject } });
  const binding = await createTestBinding({
    workload,
    target,
    spec: gcpSpec({ serviceAccountEmail: serviceAccount, memberKind: "subject" }),
  });
  const audience = `https://iam.googleapis.com/projects/${N}/locations/global/workloadIdentityPools/${poolId}/providers/gh-actions`;
  return { binding, targetId: target.id, repo, subject, serviceAccount, member, pool, audience };
}

type Catalogued = Awaited<ReturnType<typeof catalogued>>;

/** A GitHub Actions token for acme/<repo> on main, for the provider's default audience. */
async function mint(world: Catalogued, claims: Record<string, unknown> = {}) {
  const base = githubActionsClaims({ owner: "acme", repo: world.repo, iss: ISSUER_NAME });
  const token = await oidc.mint({ ...base, aud: world.audience, ...claims });
  tokens.push(token);
  return token;
}

/** Access tokens the emulator minted for the service account. */
const mintedFor = (serviceAccount: string) =>
  [...emulator.state.tokens]
    .filter(([, email]) => email === serviceAccount)
    .map(([credential]) => credential);

const callsFor = (world: Catalogued) =>
  emulator.state.exchangeCalls.filter((c) =>
    c.api === "sts"
      ? c.audience.includes(`/${world.pool.poolId}/`)
      : c.serviceAccount === world.serviceAccount,
  );

const exchange = async (token: string, bindingId: string) =>
  api.exchange(await newOperator(), token, bindingId);

describe("try exchange on a GCP provider, end to end", () => {
  it("impersonates the service account for five minutes and stores only the fingerprint", async () => {
    const world = await catalogued();
    const started = Date.now();
    const attempt = await exchange(await mint(world), world.binding.id);
    const finished = Date.now();

    const [credential, ...more] = mintedFor(world.serviceAccount);
    expect(more).toEqual([]);
    expect(credential).toContain(EMULATED_CREDENTIAL_MARKER);
    expect(callsFor(world)).toEqual([
      expect.objectContaining({ api: "sts", answer: "ok" }),
      expect.objectContaining({
        api: "iamcredentials",
        principal: world.member,
        lifetime: "300s",
        answer: "ok",
      }),
    ]);
    expect(attempt).toMatchObject({
      status: "succeeded",
      cloud: "gcp",
      bindingId: world.binding.id,
      identity: world.serviceAccount,
      fingerprint: fingerprintOf(credential!),
      error: null,
      agreement: "agree",
      reasons: [],
      prediction: { accepted: true, undecided: false, signature: "valid", failingCheck: null },
      claims: { iss: ISSUER_NAME, sub: world.subject, aud: world.audience },
    });
    const expires = Date.parse(attempt.expiresAt!);
    expect(expires).toBeGreaterThanOrEqual(started + 299_000);
    expect(expires).toBeLessThanOrEqual(finished + 300_000);
    expect(attempt.steps!.map((step) => step.outcome)).toEqual(["ok", "ok"]);

    const history = await api.history(await newOperator(), world.binding.id);
    expect(history.map((a) => [a.id, a.fingerprint])).toEqual([[attempt.id, attempt.fingerprint]]);
  });

  it.each([
    {
      name: "an audience the provider does not accept",
      claims: { aud: "https://github.com/acme" },
      code: "invalid_grant",
      message: /^The audience in ID Token \[https:\/\/github.com\/acme\] does not match/,
      cause: /audience is not one the provider accepts/,
      fix: /^Request the token for https:\/\/iam\.googleapis\.com\/projects\//,
    },
    {
      name: "a false attribute condition",
      claims: { repository_owner: "evil" },
      code: "unauthorized_client",
      message: /^The given credential is rejected by the attribute condition\.$/,
      cause: /attribute condition is false/,
      fix: /case-sensitive/,
    },
  ])("refuses $name with $code, its cause and fix stored, as predicted", async (row) => {
    const world = await catalogued();
    const attempt = await exchange(await mint(world, row.claims), world.binding.id);

    expect(callsFor(world).map((c) => [c.api, c.answer])).toEqual([["sts", row.code]]);
    expect(attempt).toMatchObject({
      status: "failed",
      identity: null,
      fingerprint: null,
      agreement: "agree",
      prediction: {
        accepted: false,
        undecided: false,
        failingCheck: { check: expect.any(String) },
      },

      error: { code: row.code, status: 400 },
    });
    const stored = await storedAttempt(attempt.id);
    expect(stored.cloudCode).toBe(row.code);
    const error = stored.error as { message: string; cause: string; fix: string };
    expect(error.message).toMatch(row.message);
    expect(error.cause).toMatch(row.cause);
    expect(error.fix).toMatch(row.fix);
    expect(attempt.error).toEqual(stored.error);
  });

  it("maps generateAccessToken's 403 to the missing grant when the grant is gone in GCP: disagree", async () => {
    const world = await catalogued();
    emulator.state.setPolicy(world.serviceAccount, []);
    const attempt = await exchange(await mint(world), world.binding.id);

    expect(callsFor(world).map((c) => [c.api, c.answer])).toEqual([
      ["sts", "ok"],
      ["iamcredentials", "PERMISSION_DENIED"],
    ]);
    expect(mintedFor(world.serviceAccount)).toEqual([]);
    expect(attempt).toMatchObject({
      status: "failed",
      agreement: "disagree",
      prediction: { accepted: true },
      error: {
        code: "PERMISSION_DENIED",
        status: 403,
        message:
          "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
        object: world.serviceAccount,
      },
    });
    expect(attempt.error!.cause).toContain(`the catalogue expects ${world.member}`);
    expect(attempt.error!.fix).toContain(
      `Grant ${WIU} on ${world.serviceAccount} to ${world.member}`,
    );
    expect((await storedAttempt(attempt.id)).cloudCode).toBe("PERMISSION_DENIED");
  });

  it("flags a grant moved in GCP behind the catalogue: predicted accepted, refused, with drift, propagation and policy as reasons", async () => {
    const world = await catalogued();
    // Someone moved the grant to the release branch in GCP; a drift check saw it.
    const released = principalForSubject(
      world.pool,
      `repo:acme/${world.repo}:ref:refs/heads/release`,
    );
    emulator.state.setPolicy(world.serviceAccount, [{ role: WIU, members: [released] }]);
    await runDriftJob({ targetId: world.targetId, reason: "manual" });
    expect((await onlyBindingState(world.targetId)).syncState).not.toBe("in_sync");

    const attempt = await exchange(await mint(world), world.binding.id);

    expect(attempt).toMatchObject({
      status: "failed",
      agreement: "disagree",
      prediction: { accepted: true, failingCheck: null },
      error: { code: "PERMISSION_DENIED" },
    });
    const reasons = attempt.reasons!.join("\n");
    expect(reasons).toMatch(/written 0 minutes ago/);
    expect(reasons).toMatch(/last drift check found the cloud's trust different/);
    expect(reasons).toMatch(/organisation policy restricting workload identity pools/);
  });
});

describeWhoAndHowOften(
  {
    endpoint: "STS",
    issuerPrefix: () => ISSUER_NAME,
    async catalogued() {
      const world = await catalogued();
      return {
        bindingId: world.binding.id,
        mint: () => mint(world),
        calls: () => callsFor(world).filter((c) => c.api === "sts").length,
      };
    },
  },
  api,
  fetches,
);

describeNoTrace(api, {
  tokens,
  // Federated tokens from STS, and access tokens for the deployers (not the connection's own).
  credentials: () => [
    ...emulator.state.federatedTokens.keys(),
    ...[...emulator.state.tokens]
      .filter(([, email]) => email !== READER)
      .map(([credential]) => credential),
  ],
  logs: () => ({ log: logLines.join("\n") }),
});
