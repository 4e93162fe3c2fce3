// The GCP exchanger through the real @googleapis/sts and
// @googleapis/iamcredentials clients, against the emulator over TLS trusted
// through the connection's CA: the identity, expiry and fingerprint of what
// Google minted, each refusal mapped to a cause and a fix, and neither the
// workload's token nor any credential in what comes back.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import type { ExchangeOutcome, ExchangeRequest } from "@/lib/clouds/exchange-types";
import {
  createGcpExchanger,
  FEDERATED_SCOPE,
  SERVICE_ACCOUNT_SCOPE,
} from "@/lib/clouds/gcp/adapter/exchange";
import { SecretValue } from "@/lib/secrets/secret-value";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/gcp/sts-routes";
import {
  AUDIENCE,
  CONDITION,
  MAPPING,
  N,
  POOL,
  PROJECT,
  PROVIDER,
  PROVIDER_NAME,
  SA,
  setUpGcpExchange,
  SUBJECT,
  subjectMember,
  WIU,
  workloadToken,
  type ExchangeFixture,
} from "./gcp-exchange-fixture";

const fx = setUpGcpExchange();
const exchanger = createGcpExchanger({ retry: { sleep: async () => {} } });

function connection(emulator: ExchangeFixture["emulator"]): ConnectionOf<"gcp"> {
  return {
    id: "conn-gcp",
    name: "GCP emulator",
    cloud: "gcp",
    sandbox: false,
    scope: { projectId: PROJECT.projectId, projectNumber: N },
    auth: { kind: "ambient" },
    endpoints: { gcpRootUrl: emulator.rootUrl },
    caBundle: emulator.ca,
  };
}

/** The catalogue's view: the provider and a subject binding on the deployer account. */
function request(token: string, member = subjectMember(SUBJECT)): ExchangeRequest {
  const config = {
    projectNumber: N,
    poolId: POOL,
    providerId: PROVIDER,
    issuerUri: "https://token.actions.githubusercontent.com",
    allowedAudiences: [],
    attributeMapping: MAPPING,
    attributeCondition: CONDITION,
    disabled: false,
    serviceAccountEmail: SA,
  };
  const spec = {
    cloud: "gcp",
    name: "deploy-main",
    serviceAccountEmail: SA,
    role: WIU,
    memberKind: "subject",
    member,
  };
  return {
    token: new SecretValue(token),
    target: {
      kind: "gcp-provider",
      config,
      externalId: AUDIENCE,
      bindings: [{ name: "deploy-main", spec }],
    },
    binding: { name: "deploy-main", spec },
    connection: connection(fx.emulator),
  };
}

/** Neither the token (nor its signature), nor the marker of a minted credential. */
function expectNothingSecret(outcome: ExchangeOutcome, token: string) {
  for (const text of [JSON.stringify(outcome), String(outcome)]) {
    expect(text).not.toContain(EMULATED_CREDENTIAL_MARKER);
    expect(text).not.toContain(token.split(".")[2]);
    expect(text).not.toContain(token);
  }
}

async function failure(token: string, member?: string) {
  const outcome = await exchanger.exchange(request(token, member));
  expectNothingSecret(outcome, token);
  if (outcome.ok) throw new Error("the exchange was expected to fail");
  return outcome;
}

describe("GCP exchanger", () => {
  it("impersonates the binding's service account and reports its identity, expiry and fingerprint", async () => {
    const token = await workloadToken(fx);
    const before = Date.now();
    const outcome = await exchanger.exchange(request(token));

    expectNothingSecret(outcome, token);
    expect(outcome).toMatchObject({ ok: true, identity: SA, grants: [SERVICE_ACCOUNT_SCOPE] });
    if (!outcome.ok) return;
    const expires = Date.parse(outcome.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 299_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 300_000);
    const minted = [...fx.emulator.state.tokens].filter(
      ([credential, email]) => email === SA && credential.includes(EMULATED_CREDENTIAL_MARKER),
    );
    expect(minted).toHaveLength(1);
    const sha = createHash("sha256").update(minted[0]![0]).digest("hex");
    expect(outcome.fingerprint).toBe(sha.slice(0, 8));
    expect(outcome.steps.map((s) => [s.call, s.outcome])).toEqual([
      [expect.stringContaining("STS"), "ok"],
      [expect.stringContaining("generateAccessToken"), "ok"],
    ]);
  });

  it("asks STS for the iam scope only, and the service account for five minutes of userinfo.email", async () => {
    await exchanger.exchange(request(await workloadToken(fx)));
    expect(fx.emulator.state.exchangeCalls).toEqual([
      expect.objectContaining({ api: "sts", audience: AUDIENCE, scope: FEDERATED_SCOPE }),
      expect.objectContaining({
        api: "iamcredentials",
        serviceAccount: SA,
        principal: subjectMember(SUBJECT),
        scope: [SERVICE_ACCOUNT_SCOPE],
        lifetime: "300s",
        answer: "ok",
      }),
    ]);
  });

  it("can stop at the federated token, naming the principal the provider maps the token to", async () => {
    const token = await workloadToken(fx);
    const outcome = await createGcpExchanger({ impersonate: false }).exchange(request(token));
    expectNothingSecret(outcome, token);
    expect(outcome).toMatchObject({
      ok: true,
      identity: subjectMember(SUBJECT),
      grants: [FEDERATED_SCOPE],
    });
    const [federated] = [...fx.emulator.state.federatedTokens.keys()];
    const sha = createHash("sha256").update(federated!).digest("hex");
    expect(outcome.ok && outcome.fingerprint).toBe(sha.slice(0, 8));
    expect(fx.emulator.state.exchangeCalls.map((c) => c.api)).toEqual(["sts"]);
  });

  it.each([
    {
      name: "an aud the provider does not accept",
      arrange: () => {},
      claims: { aud: "https://github.com/acme" },
      code: "invalid_grant",
      message: /^The audience in ID Token \[https:\/\/github.com\/acme\] does not match/,
      kind: "denied",
      cause: /audience/,
      fix: new RegExp(`Request the token for https:${AUDIENCE}`),
    },
    {
      name: "an issuer other than the provider's",
      arrange: (f: ExchangeFixture) => {
        f.emulator.state.providers.get(PROVIDER_NAME)!.oidc!.issuerUri =
          "https://token.actions.githubusercontent.com";
      },
      claims: {},
      code: "invalid_grant",
      message: /^The issuer in ID Token http:\/\/127\.0\.0\.1:\d+ does not match the expected ones/,
      kind: "denied",
      cause: /issuer/,
      fix: /issuer URL/,
    },
    {
      name: "an expired token",
      arrange: () => {},
      claims: { exp: Math.floor(Date.now() / 1000) - 600 },
      code: "invalid_grant",
      message: /is stale to sign-in\.$/,
      kind: "denied",
      cause: /expired/,
      fix: /freshly issued token/,
    },
    {
      name: "a false attribute condition",
      arrange: () => {},
      claims: { repository_owner: "evil" },
      code: "unauthorized_client",
      message: /^The given credential is rejected by the attribute condition\.$/,
      kind: "denied",
      cause: /attribute condition is false/,
      fix: /case-sensitive/,
    },
    {
      name: "a disabled provider",
      arrange: (f: ExchangeFixture) => {
        f.emulator.state.providers.get(PROVIDER_NAME)!.disabled = true;
      },
      claims: {},
      code: "invalid_target",
      message: /^The target service indicated by the "audience" parameters is invalid/,
      kind: "not-found",
      cause: new RegExp(`no usable provider ${AUDIENCE}`),
      fix: /enable or restore/,
    },
    {
      name: "a google.subject over 127 bytes",
      arrange: () => {},
      claims: { sub: `repo:acme/${"x".repeat(140)}` },
      code: "invalid_request",
      message: /^The size of mapped attribute google\.subject exceeds the 127 bytes limit/,
      kind: "invalid",
      cause: /127-byte/,
      fix: /extract\(\)/,
    },
  ])("maps STS's refusal of $name to its cause and fix", async (row) => {
    row.arrange(fx);
    const outcome = await failure(await workloadToken(fx, row.claims));
    expect(outcome.error).toMatchObject({ code: row.code, kind: row.kind, status: 400 });
    expect(outcome.error.message).toMatch(row.message);
    expect(outcome.error.cause).toMatch(row.cause);
    expect(outcome.error.fix).toMatch(row.fix);
    expect(outcome.steps.map((s) => s.outcome)).toEqual(["failed"]);
    expect(fx.emulator.state.exchangeCalls.map((c) => c.api)).toEqual(["sts"]);
  });

  it("maps generateAccessToken's 403 to the missing grant, naming the service account and the member", async () => {
    fx.emulator.state.setPolicy(SA, []);
    const outcome = await failure(await workloadToken(fx));
    expect(outcome.error).toMatchObject({
      kind: "denied",
      code: "PERMISSION_DENIED",
      status: 403,
      message:
        "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
      object: SA,
    });
    expect(outcome.error.fix).toContain(`Grant ${WIU} on ${SA} to ${subjectMember(SUBJECT)}`);
    expect(outcome.steps.map((s) => s.outcome)).toEqual(["ok", "failed"]);
  });

  it("maps generateAccessToken's 404 to a service account that does not exist", async () => {
    fx.emulator.state.serviceAccounts.clear();
    const outcome = await failure(await workloadToken(fx));
    expect(outcome.error).toMatchObject({ kind: "not-found", code: "NOT_FOUND", status: 404 });
    expect(outcome.error.cause).toContain(SA);
  });

  it("flags trust changed behind the catalogue: the cloud grants another subject than the catalogue's", async () => {
    // The catalogue (and the token) say main; someone moved the grant to the release branch.
    const released = "repo:acme/app:ref:refs/heads/release";
    fx.emulator.state.setPolicy(SA, [{ role: WIU, members: [subjectMember(released)] }]);
    const outcome = await failure(await workloadToken(fx));
    expect(outcome.error.code).toBe("PERMISSION_DENIED");
    expect(outcome.error.cause).toContain(`the catalogue expects ${subjectMember(SUBJECT)}`);
    expect(fx.emulator.state.exchangeCalls.at(-1)).toMatchObject({
      principal: subjectMember(SUBJECT),
      answer: "PERMISSION_DENIED",
    });
  });

  it("retries STS throttling, but never a refusal", async () => {
    fx.emulator.faults.add(
      { kind: "status", status: 429, retryAfterSeconds: 1 },
      { pathIncludes: "/v1/token" },
      1,
    );
    const ok = await exchanger.exchange(request(await workloadToken(fx)));
    expect(ok.ok).toBe(true);
    const stsCalls = () => fx.emulator.requests.filter((r) => r.path === "/v1/token").length;
    expect(stsCalls()).toBe(2);

    fx.emulator.requests.length = 0;
    await failure(await workloadToken(fx, { repository_owner: "evil" }));
    expect(stsCalls()).toBe(1);
  });

  it("reports persistent throttling as throttled, after a bounded number of tries", async () => {
    fx.emulator.faults.add({ kind: "status", status: 429 }, { pathIncludes: "/v1/token" });
    const outcome = await failure(await workloadToken(fx));
    expect(outcome.error).toMatchObject({ kind: "throttled", status: 429 });
    expect(fx.emulator.requests.filter((r) => r.path === "/v1/token")).toHaveLength(5);
  });

  it("does not trust the emulator's certificate without the connection's CA", async () => {
    const token = await workloadToken(fx);
    const untrusted = {
      ...request(token),
      connection: { ...connection(fx.emulator), caBundle: null },
    };
    const outcome = await exchanger.exchange(untrusted);
    expectNothingSecret(outcome, token);
    expect(outcome).toMatchObject({ ok: false, error: { kind: "network" } });
    expect(fx.emulator.state.exchangeCalls).toEqual([]);
  });

  it("returns a failure, not an exception, when the caller aborts", async () => {
    const token = await workloadToken(fx);
    const controller = new AbortController();
    controller.abort();
    const outcome = await exchanger.exchange(request(token), { signal: controller.signal });
    expectNothingSecret(outcome, token);
    expect(outcome.ok).toBe(false);

    fx.emulator.faults.add({ kind: "latency", ms: 400 }, { pathIncludes: "/v1/token" }, 1);
    const inFlight = exchanger.exchange(request(token), { signal: AbortSignal.timeout(50) });
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: "Aborted" } });
  });

  it("refuses a binding that is not a GCP binding before calling anything", async () => {
    const token = await workloadToken(fx);
    const wrong = { ...request(token), binding: { name: "x", spec: { cloud: "aws" } } };
    const outcome = await exchanger.exchange(wrong);
    expect(outcome).toMatchObject({ ok: false, error: { kind: "invalid" }, steps: [] });
    expect(fx.emulator.requests).toEqual([]);
  });
});
