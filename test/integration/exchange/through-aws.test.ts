// Try exchange end to end for AWS (issue 14, "Done when"): an aws-role target
// on a stored connection to the IAM/STS emulator (https, per-run CA), a
// catalogued issuer, POST /api/v1/exchange, the real AWS exchanger, the
// emulated AssumeRoleWithWebIdentity. Then the credential is searched for in
// a pg_dump, the log and every response body.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as historyRoute from "@/app/api/v1/bindings/[id]/exchanges/route";
import { runDriftJob } from "@/lib/sync/drift/run-drift-job";
import type { TIssuer } from "@/lib/schemas/issuer";
import { ACCOUNT_ID } from "@/test/emulators/aws/iam-state";
import {
  AUDIENCE,
  ISSUER_NAME,
  startWebIdentityWorld,
  trustStatement,
  type WebIdentityWorld,
} from "@/test/emulators/aws/sts-web-identity-fixture";
import { webIdentityCalls } from "@/test/emulators/aws/sts-web-identity-record";
import {
  awsSpec,
  createTestBinding,
  createTestWorkload,
  uniqueSuffix,
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { catalogueIssuer } from "@/test/integration/diagnose/support";
import { awsConnection } from "@/test/integration/sync/drift-worlds";
import { addConnection, addTarget, onlyBindingState } from "@/test/integration/sync/sync-support";
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
import { call, problemOf } from "@/test/support/http";

// Every line the shared pino logger writes while this file runs.
const logLines = await vi.hoisted(async () => {
  const lines: string[] = [];
  const { createLogger } = await import("@/lib/log/create-logger");
  const stream = { write: (line: string) => void lines.push(line) };
  (globalThis as { fedlensLogger?: unknown }).fedlensLogger = createLogger("trace", stream);
  return lines;
});

const env = setUpThroughEnvironment();
const fetches = routeIssuerFetches();
const api = exchangeApi();
const tokens: string[] = [];

let world: WebIdentityWorld;
let issuer: TIssuer;
let connectionId: string;

beforeAll(async () => {
  world = await startWebIdentityWorld();
  world.addProvider();
  issuer = await catalogueIssuer(world.issuer, { issuerUrl: ISSUER_NAME });
  connectionId = (await addConnection(env.admin(), awsConnection(world.emulator))).id;
});
afterAll(() => world?.close());

const subjectOf = (repo: string) => `repo:contoso/${repo}:ref:refs/heads/main`;
const trusting = (subject: string) =>
  trustStatement({ StringEquals: { "issuer.fedlens.test:sub": subject } });

/** A role in the emulator trusting the subject, and its target, workload and binding in the catalogue. */
async function catalogued() {
  const repo = uniqueRepo();
  const subject = subjectOf(repo);
  const roleName = `deploy-${uniqueSuffix()}`;
  const roleArn = world.putRole(roleName, [trusting(subject)]);
  const target = await addTarget(
    env.admin(),
    "aws-role",
    {
      accountId: ACCOUNT_ID,
      roleName,
      path: "/",
      oidcProviders: [{ url: ISSUER_NAME, clientIds: [AUDIENCE], thumbprints: [] }],
    },
    connectionId,
  );
  const workload = await createTestWorkload({ issuer, subjectSpec: { kind: "free", subject } });
  const binding = await createTestBinding({ workload, target, spec: awsSpec(workload) });
  return { binding, targetId: target.id, roleName, roleArn, subject };
}

async function mint(claims: Record<string, unknown>) {
  const token = await world.mint(claims);
  tokens.push(token);
  return token;
}

/** The calls STS answered for this role. */
const callsFor = (roleArn: string) =>
  webIdentityCalls(world.emulator.state).filter((c) => c.roleArn === roleArn);

const exchange = async (token: string, bindingId: string) =>
  api.exchange(await newOperator(), token, bindingId);

describe("try exchange on an AWS role, end to end", () => {
  it("assumes the role for 900 s under the deny-all session policy and stores only its fingerprint", async () => {
    const { binding, roleName, roleArn, subject } = await catalogued();
    const token = await mint({ sub: subject });
    const started = Date.now();
    const attempt = await exchange(token, binding.id);
    const finished = Date.now();

    const [sts, ...more] = callsFor(roleArn);
    expect(more).toEqual([]);
    expect(sts).toMatchObject({ durationSeconds: 900, signed: false, outcome: "ok", subject });
    expect(JSON.parse(sts!.policy!)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
    });
    const secret = sts!.credential!.secretAccessKey;
    expect(secret).toContain(EMULATED_CREDENTIAL_MARKER);
    expect(attempt).toMatchObject({
      status: "succeeded",
      cloud: "aws",
      bindingId: binding.id,
      identity: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName}/${sts!.roleSessionName}`,
      grants: [roleArn, "session policy: deny all"],
      fingerprint: fingerprintOf(secret),
      error: null,
      agreement: "agree",
      reasons: [],
      prediction: { accepted: true, undecided: false, signature: "valid", failingCheck: null },
      claims: { iss: ISSUER_NAME, sub: subject, aud: AUDIENCE },
    });
    // 900 s from when STS answered (STS gives whole seconds).
    const expires = Date.parse(attempt.expiresAt!);
    expect(expires).toBeGreaterThanOrEqual(started + 899_000);
    expect(expires).toBeLessThanOrEqual(finished + 900_000);

    const history = await api.history(await newOperator(), binding.id);
    expect(history.map((a) => [a.id, a.fingerprint])).toEqual([[attempt.id, attempt.fingerprint]]);
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    {
      name: "an audience the IAM OIDC provider does not list",
      claims: { aud: "api://elsewhere" },
      code: "InvalidIdentityToken",
      message: /^Incorrect token audience$/,
      cause: /audience "api:\/\/elsewhere" is not one of the IAM OIDC provider's client IDs/,
      fix: /client IDs/,
      agreement: "agree",
    },
    {
      name: "a subject the role does not trust",
      claims: { sub: "repo:contoso/other:ref:refs/heads/main" },
      code: "AccessDenied",
      message: /^Not authorized to perform sts:AssumeRoleWithWebIdentity$/,
      cause: /subject "repo:contoso\/other:ref:refs\/heads\/main"/,
      fix: /token from the workload the binding is for/,
      agreement: "agree",
    },
    {
      name: "an expired token",
      claims: { iat: now() - 900, exp: now() - 600 },
      code: "ExpiredTokenException",
      message: /^Token expired: current date\/time \d+ must be before the expiration date\/time/,
      cause: /had expired/,
      fix: /fresh token/,
      agreement: "agree",
    },
  ])(
    "refuses $name with $code, its cause and fix stored ($agreement with the prediction)",
    async (row) => {
      const { binding, roleArn, subject } = await catalogued();
      const attempt = await exchange(await mint({ sub: subject, ...row.claims }), binding.id);

      expect(callsFor(roleArn).map((c) => c.outcome)).toEqual([row.code]);
      expect(attempt).toMatchObject({
        status: "failed",
        identity: null,
        fingerprint: null,
        expiresAt: null,
        agreement: row.agreement,
        prediction: {
          accepted: false,
          undecided: false,
          failingCheck: { check: expect.any(String) },
        },

        error: { code: row.code },
      });
      const stored = await storedAttempt(attempt.id);
      expect(stored.cloudCode).toBe(row.code);
      const error = stored.error as { message: string; cause: string; fix: string };
      expect(error.message).toMatch(row.message);
      expect(error.cause).toMatch(row.cause);
      expect(error.fix).toMatch(row.fix);
      expect(attempt.error).toEqual(stored.error);
    },
  );

  it("refuses when AWS has no OIDC provider for the issuer, though the catalogue lists one: disagree", async () => {
    const { binding, roleArn, subject } = await catalogued();
    world.emulator.state.providers.clear();
    try {
      const attempt = await exchange(await mint({ sub: subject }), binding.id);
      expect(callsFor(roleArn).map((c) => c.outcome)).toEqual(["InvalidIdentityToken"]);
      expect(attempt).toMatchObject({
        status: "failed",
        agreement: "disagree",
        prediction: { accepted: true },
        error: {
          code: "InvalidIdentityToken",
          message: `No OpenIDConnect provider found in your account for ${ISSUER_NAME}`,
          cause: expect.stringMatching(/no IAM OIDC provider for the token's issuer/),
          fix: expect.stringMatching(/Create an IAM OIDC provider/),
        },
      });
    } finally {
      world.addProvider();
    }
  });

  it("flags a trust changed in AWS behind the catalogue: predicted accepted, refused, with drift, propagation and policy as reasons", async () => {
    const { binding, targetId, roleName, roleArn, subject } = await catalogued();
    // Someone narrowed the role to another branch in AWS; a drift check saw it.
    world.putRole(roleName, [trusting("repo:contoso/other:ref:refs/heads/release")]);
    await runDriftJob({ targetId, reason: "manual" });
    expect((await onlyBindingState(targetId)).syncState).not.toBe("in_sync");

    const attempt = await exchange(await mint({ sub: subject }), binding.id);

    expect(callsFor(roleArn).map((c) => c.outcome)).toEqual(["AccessDenied"]);
    expect(attempt).toMatchObject({
      status: "failed",
      agreement: "disagree",
      prediction: { accepted: true, failingCheck: null },
      error: { code: "AccessDenied", fix: expect.stringMatching(/drift check/) },
    });
    expect(attempt.error!.cause).toMatch(/no longer says what the catalogue says/);
    const reasons = attempt.reasons!.join("\n");
    expect(reasons).toMatch(/written 0 minutes ago/);
    expect(reasons).toMatch(/last drift check found the cloud's trust different/);
    expect(reasons).toMatch(/organisation policy \(SCP\)/);
  });
});

describe("a binding's exchange history", () => {
  it("is empty for a binding never tried, and 404 for an id that names no binding", async () => {
    const viewer = await createTestToken(await createTestUser({ role: "viewer" }));
    const { binding } = await catalogued();
    expect(await api.history(viewer, binding.id)).toEqual([]);
    const unknown = randomUUID();
    const response = await call(historyRoute.GET, {
      path: `/api/v1/bindings/${unknown}/exchanges`,
      params: { id: unknown },
      token: viewer,
    });
    expect(response.status).toBe(404);
    expect((await problemOf(response)).detail).toBe("No binding with this id.");
  });
});

describeWhoAndHowOften(
  {
    endpoint: "STS",
    issuerPrefix: () => world.issuer.origin,
    async catalogued() {
      const { binding, roleArn, subject } = await catalogued();
      return {
        bindingId: binding.id,
        mint: () => mint({ sub: subject }),
        calls: () => callsFor(roleArn).length,
      };
    },
  },
  api,
  fetches,
);

describeNoTrace(api, {
  tokens,
  // The secret key carries the marker; the session token and key id go with it.
  credentials: () =>
    webIdentityCalls(world.emulator.state).flatMap(({ credential }) =>
      credential ? [credential.secretAccessKey, credential.sessionToken] : [],
    ),
  logs: () => ({ log: logLines.join("\n") }),
});
