// The AWS exchanger through @aws-sdk/client-sts against the emulated STS over
// https (per-run CA): the unsigned call with 900 s and the deny-all session
// policy, what the outcome shows (and never shows), and each STS refusal
// mapped to a cause and a fix.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { createAwsExchanger, denyAllSessionPolicy } from "@/lib/clouds/aws/adapter/exchange";
import type { ExchangeOutcome, ExchangeRequest } from "@/lib/clouds/exchange-types";
import { SecretValue } from "@/lib/secrets/secret-value";
import { ACCOUNT_ID } from "@/test/emulators/aws/iam-state";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/aws/sts-web-identity";
import {
  AUDIENCE,
  ISSUER_NAME,
  startWebIdentityWorld,
  trustStatement,
  type WebIdentityWorld,
} from "@/test/emulators/aws/sts-web-identity-fixture";
import {
  armWebIdentityRefusal,
  webIdentityCalls,
} from "@/test/emulators/aws/sts-web-identity-record";

const MAIN = "repo:contoso/app:ref:refs/heads/main";
const PROD = "repo:contoso/app:environment:prod";
const ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/deploy`;
const subIs = (sub: string) => ({ StringEquals: { "issuer.fedlens.test:sub": sub } });

let world: WebIdentityWorld;
const sleeps: number[] = [];
const exchanger = createAwsExchanger({
  retryPolicy: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  sleep: async (ms) => {
    sleeps.push(ms);
  },
});

beforeAll(async () => {
  world = await startWebIdentityWorld();
});
afterAll(() => world.close());
beforeEach(() => {
  world.emulator.reset();
  world.issuer.failWith(null);
  sleeps.length = 0;
  world.addProvider();
  world.putRole("deploy", [trustStatement(subIs(MAIN))]);
});

function connection(): ConnectionOf<"aws"> {
  return {
    id: "conn-1",
    name: "emulated account",
    sandbox: false,
    cloud: "aws",
    // Ambient: were the call signed, the SDK would look for credentials.
    auth: { kind: "ambient" },
    endpoints: { awsEndpoint: world.emulator.url },
    caBundle: world.emulator.ca,
    scope: { accountId: ACCOUNT_ID, region: "eu-west-1" },
  };
}

function request(token: string, subjects = [MAIN]): ExchangeRequest {
  const config = {
    accountId: ACCOUNT_ID,
    roleName: "deploy",
    path: "/",
    oidcProviders: [{ url: ISSUER_NAME, clientIds: [AUDIENCE], thumbprints: [] }],
  };
  const spec = {
    cloud: "aws",
    sid: "DeployFromMain",
    providerUrl: ISSUER_NAME,
    mode: "builder",
    builder: { audiences: [AUDIENCE], subjectOperator: "StringEquals", subjects },
  };
  return {
    token: new SecretValue(token),
    target: { kind: "aws-role", config, externalId: ROLE, bindings: [{ name: "main", spec }] },
    binding: { name: "main", spec },
    connection: connection(),
  };
}

/** Nothing the outcome shows may carry the token or the credential. */
function expectNoSecrets(outcome: ExchangeOutcome, token: string) {
  for (const text of [JSON.stringify(outcome), String(outcome)]) {
    expect(text).not.toContain(EMULATED_CREDENTIAL_MARKER);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split(".")[2]);
  }
  for (const call of webIdentityCalls(world.emulator.state)) {
    const { accessKeyId, sessionToken } = call.credential ?? {};
    if (accessKeyId) expect(JSON.stringify(outcome)).not.toContain(accessKeyId);
    if (sessionToken) expect(JSON.stringify(outcome)).not.toContain(sessionToken);
  }
}

async function failure(token: string, subjects?: string[]) {
  const outcome = await exchanger.exchange(request(token, subjects));
  expectNoSecrets(outcome, token);
  if (outcome.ok) throw new Error("expected the exchange to fail");
  return outcome;
}

describe("the AWS exchanger succeeds", () => {
  it("obtains the assumed role for 900 s under a deny-all session policy, unsigned", async () => {
    const token = await world.mint();
    const started = Date.now();
    const outcome = await exchanger.exchange(request(token));
    expectNoSecrets(outcome, token);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    const [call] = webIdentityCalls(world.emulator.state);
    expect(call).toMatchObject({
      roleArn: ROLE,
      durationSeconds: 900,
      policy: denyAllSessionPolicy,
      policyArns: [],
      signed: false,
      outcome: "ok",
    });
    expect(JSON.parse(call?.policy ?? "")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
    });
    expect(call?.roleSessionName).toMatch(/^fedlens-try-[0-9a-f]{8}$/);
    expect(outcome.identity).toBe(
      `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deploy/${call?.roleSessionName}`,
    );
    const expiresIn = Date.parse(outcome.expiresAt) - started;
    expect(expiresIn).toBeGreaterThan(895_000);
    expect(expiresIn).toBeLessThanOrEqual(901_000);
    expect(outcome.grants).toEqual([ROLE, "session policy: deny all"]);
    const secret = call?.credential?.secretAccessKey ?? "";
    expect(secret).toContain(EMULATED_CREDENTIAL_MARKER);
    expect(outcome.fingerprint).toBe(createHash("sha256").update(secret).digest("hex").slice(0, 8));
    expect(outcome.steps).toEqual([
      { call: "sts:AssumeRoleWithWebIdentity", outcome: "ok", durationMs: expect.any(Number) },
    ]);
  });

  it("names a new session each time", async () => {
    await exchanger.exchange(request(await world.mint()));
    await exchanger.exchange(request(await world.mint()));
    const names = webIdentityCalls(world.emulator.state).map((call) => call.roleSessionName);
    expect(new Set(names).size).toBe(2);
  });

  it("retries STS throttling and then succeeds", async () => {
    world.emulator.faults.inject("throttle", { action: "AssumeRoleWithWebIdentity" });
    const outcome = await exchanger.exchange(request(await world.mint()));
    expect(outcome.ok).toBe(true);
    expect(outcome.steps.map((step) => step.outcome)).toEqual(["failed", "ok"]);
    expect(sleeps).toHaveLength(1);
  });
});
