// The AWS exchanger through @aws-sdk/client-sts against the emulated STS over
// https (per-run CA): the unsigned call with 900 s and the deny-all session
// policy, what the outcome shows (and never shows), and each STS refusal
// mapped to a cause and a fix.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { createAwsExchanger, denyAllSessionPolicy } from "@/lib/clouds/aws/adapter/exchange";
import type { ExchangeOutcome, ExchangeRequest } from "@/lib/clouds/exchange-types";
import { SecretValue } from "@/lib/secrets/secret-value";
import { ACCOUNT_ID } from "@/test/emulators/aws/iam-state";
import {
  isMotoInstalled,
  startMoto,
  type MotoServer,
} from "@/test/integration/emulators/moto-server";
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

describe("the AWS exchanger maps each STS refusal to a cause and a fix", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: {
    name: string;
    arrange?: () => void;
    token: () => Promise<string>;
    code: string;
    kind: string;
    message: RegExp;
    cause: RegExp;
    fix: RegExp;
  }[] = [
    {
      name: "no IAM OIDC provider for the issuer",
      arrange: () => world.emulator.state.providers.clear(),
      token: () => world.mint(),
      code: "InvalidIdentityToken",
      kind: "unauthenticated",
      message:
        /^No OpenIDConnect provider found in your account for https:\/\/issuer\.fedlens\.test$/,
      cause: /no IAM OIDC provider for the token's issuer "https:\/\/issuer\.fedlens\.test"/,
      fix: /Create an IAM OIDC provider/,
    },
    {
      name: "an audience the provider does not list",
      token: () => world.mint({ aud: "api://elsewhere" }),
      code: "InvalidIdentityToken",
      kind: "unauthenticated",
      message: /^Incorrect token audience$/,
      cause: /audience "api:\/\/elsewhere" is not one of the IAM OIDC provider's client IDs/,
      fix: /client IDs/,
    },
    {
      name: "a token without aud",
      token: () => world.mint({ aud: undefined }),
      code: "InvalidIdentityToken",
      kind: "unauthenticated",
      message: /^Missing a required claim: aud$/,
      cause: /lacks a claim STS requires/,
      fix: /audience/,
    },
    {
      name: "a key the issuer does not publish",
      token: () =>
        world.issuer.mint(
          { iss: ISSUER_NAME, aud: AUDIENCE, sub: MAIN, exp: now() + 300 },
          { kid: "retired-key" },
        ),
      code: "InvalidIdentityToken",
      kind: "unauthenticated",
      message: /^Couldn't retrieve verification key/,
      cause: /could not fetch the issuer's signing keys/,
      fix: /publish the signing key/,
    },
    {
      name: "an EdDSA signature",
      token: () => world.mint({}, "EdDSA"),
      code: "InvalidIdentityToken",
      kind: "unauthenticated",
      message: /unsupported algorithm/,
      cause: /not EdDSA/,
      fix: /RSA or ECDSA/,
    },
    {
      name: "an expired token",
      token: () => world.mint({ iat: now() - 900, exp: now() - 600 }),
      code: "ExpiredTokenException",
      kind: "unauthenticated",
      message:
        /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/,
      cause: /had expired/,
      fix: /fresh token/,
    },
    {
      name: "a subject the trust policy and the catalogue do not allow",
      token: () => world.mint({ sub: PROD }),
      code: "AccessDenied",
      kind: "denied",
      message: /^Not authorized to perform sts:AssumeRoleWithWebIdentity$/,
      cause: new RegExp(`subject "${PROD}".*binding expects subject "${MAIN}", not "${PROD}"`),
      fix: /token from the workload the binding is for/,
    },
    {
      name: "the identity provider's own rejection",
      arrange: () => armWebIdentityRefusal(world.emulator.state, "IDPRejectedClaim"),
      token: () => world.mint(),
      code: "IDPRejectedClaim",
      kind: "denied",
      message: /^The identity provider \(IdP\) reported that authentication failed/,
      cause: /invalid, expired or revoked/,
      fix: /new token/,
    },
    {
      name: "STS not activated in the connection's region",
      arrange: () => armWebIdentityRefusal(world.emulator.state, "RegionDisabledException"),
      token: () => world.mint(),
      code: "RegionDisabledException",
      kind: "denied",
      message: /^STS is not activated in this region/,
      cause: /not activated in eu-west-1/,
      fix: /Activate STS/,
    },
    {
      name: "session tags too large to pack with the session policy",
      token: () =>
        world.mint({
          "https://aws.amazon.com/tags": {
            principal_tags: { team: ["x".repeat(2100)] },
          },
        }),
      code: "PackedPolicyTooLarge",
      kind: "invalid",
      message: /^Packed policy consumes \d+% of allotted space/,
      cause: /session tags, is larger than STS allows/,
      fix: /fewer session tags/,
    },
  ];

  it.each(cases)("$name: $code", async (each) => {
    each.arrange?.();
    const token = await each.token();
    const { error, steps } = await failure(token);
    expect(error).toMatchObject({ code: each.code, kind: each.kind, object: ROLE });
    expect(error.message).toMatch(each.message);
    expect(error.cause).toMatch(each.cause);
    expect(error.fix).toMatch(each.fix);
    // A refusal is never retried.
    expect(steps).toEqual([
      { call: "sts:AssumeRoleWithWebIdentity", outcome: "failed", durationMs: expect.any(Number) },
    ]);
    expect(webIdentityCalls(world.emulator.state)).toHaveLength(1);
  });

  it("retries IDPCommunicationError a few times, then reports it", async () => {
    world.issuer.failWith(503);
    const { error, steps } = await failure(await world.mint());
    expect(error).toMatchObject({ code: "IDPCommunicationError", kind: "unavailable" });
    expect(error.cause).toMatch(/could not reach the token's issuer/);
    expect(steps).toHaveLength(3);
    expect(webIdentityCalls(world.emulator.state)).toHaveLength(3);
  });

  it("flags a trust changed in AWS behind the catalogue, naming the subject", async () => {
    // The catalogue says main may deploy; someone narrowed the role to prod in AWS.
    world.putRole("deploy", [trustStatement(subIs(PROD))]);
    const { error } = await failure(await world.mint({ sub: MAIN }), [MAIN]);
    expect(error.code).toBe("AccessDenied");
    expect(error.cause).toContain(`subject "${MAIN}"`);
    expect(error.cause).toMatch(
      /catalogue's binding accepts subject .* no longer says what the catalogue says/,
    );
    expect(error.fix).toMatch(/drift check/);
  });
});

// moto accepts any token (it decides nothing), so it only shows that the
// request the SDK builds (unsigned, with the session policy) is one an
// independent STS implementation understands.
describe.skipIf(!isMotoInstalled())("the AWS exchanger against moto", () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(() => moto.stop());

  it("gets an assumed-role answer for the same request", async () => {
    const token = await world.mint();
    const toMoto = request(token);
    toMoto.connection = {
      ...connection(),
      endpoints: { awsEndpoint: moto.url },
      caBundle: moto.ca,
    };
    const outcome = await exchanger.exchange(toMoto);
    expectNoSecrets(outcome, token);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    expect(outcome.identity).toMatch(
      new RegExp(`^arn:aws:sts::${ACCOUNT_ID}:assumed-role/deploy/fedlens-try-[0-9a-f]{8}$`),
    );
    expect(outcome.fingerprint).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe("the AWS exchanger keeps the token out of errors", () => {
  it("scrubs an error message that echoes the request back", async () => {
    // An endpoint (a proxy, a faulty STS) that quotes the form it received.
    const server = http.createServer(async (incoming, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const echoed = new URLSearchParams(Buffer.concat(chunks).toString()).get("WebIdentityToken");
      response.writeHead(400, { "content-type": "text/xml" });
      response.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>` +
          `<Message>Bad request: WebIdentityToken=${echoed}</Message></Error>` +
          `<RequestId>r-1</RequestId></ErrorResponse>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const token = await world.mint();
      const echoing = request(token);
      echoing.connection = {
        ...connection(),
        endpoints: { awsEndpoint: `http://127.0.0.1:${port}` },
        caBundle: null,
      };
      const outcome = await exchanger.exchange(echoing);
      expectNoSecrets(outcome, token);
      if (outcome.ok) throw new Error("expected a failure");
      expect(outcome.error.message).toBe("Bad request: WebIdentityToken=[token]");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
