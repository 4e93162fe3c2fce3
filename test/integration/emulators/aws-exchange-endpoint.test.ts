// The emulated STS AssumeRoleWithWebIdentity on the wire: unsigned form
// posts over https (the per-run CA trusted, never skipped), XML answers and
// STS's documented error bodies, and the trust decisions of CLOUDS.md §2.3–2.8.
import { Agent, fetch } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCOUNT_ID } from "@/test/emulators/aws/iam-state";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/aws/sts-web-identity";
import {
  AUDIENCE,
  ISSUER_NAME,
  PROVIDER_ARN,
  startWebIdentityWorld,
  trustStatement,
  type WebIdentityWorld,
} from "@/test/emulators/aws/sts-web-identity-fixture";
import {
  armWebIdentityRefusal,
  webIdentityCalls,
} from "@/test/emulators/aws/sts-web-identity-record";

let world: WebIdentityWorld;
let dispatcher: Agent;

beforeAll(async () => {
  world = await startWebIdentityWorld();
  dispatcher = new Agent({ connect: { ca: world.emulator.ca } });
});
afterAll(async () => {
  await dispatcher.close();
  await world.close();
});

const MAIN = "repo:contoso/app:ref:refs/heads/main";
const subIs = (sub: string) => ({ StringEquals: { "issuer.fedlens.test:sub": sub } });

beforeEach(() => {
  world.emulator.reset();
  world.issuer.failWith(null);
  world.addProvider();
  world.putRole("deploy", [trustStatement(subIs(MAIN))]);
});

const ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/deploy`;

async function call(fields: Record<string, string | undefined>) {
  const body = new URLSearchParams({
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: ROLE,
    RoleSessionName: "fedlens-try-0a1b2c3d",
    DurationSeconds: "900",
  });
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) body.delete(name);
    else body.set(name, value);
  }
  const response = await fetch(world.emulator.url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: body.toString(),
    dispatcher,
  });
  return { status: response.status, xml: await response.text() };
}

const entities: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
  "&amp;": "&",
};
const tag = (xml: string, name: string) =>
  new RegExp(`<${name}>([^<]*)</${name}>`)
    .exec(xml)?.[1]
    ?.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => entities[entity] ?? entity);

function expectError(answer: { status: number; xml: string }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.xml).toMatch(
    new RegExp(
      `^<ErrorResponse xmlns="https://sts\\.amazonaws\\.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>[^<]+</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$`,
    ),
  );
  return tag(answer.xml, "Message");
}

describe("AssumeRoleWithWebIdentity succeeds", () => {
  it("answers credentials, the assumed role, subject, audience and provider, unsigned", async () => {
    const token = await world.mint();
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
    });
    const started = Date.now();
    const answer = await call({ WebIdentityToken: token, Policy: policy });
    expect(answer.status).toBe(200);
    expect(answer.xml).toMatch(/^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\./);
    expect(tag(answer.xml, "AccessKeyId")).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(tag(answer.xml, "SecretAccessKey")).toContain(EMULATED_CREDENTIAL_MARKER);
    expect(tag(answer.xml, "SessionToken")).toContain(EMULATED_CREDENTIAL_MARKER);
    const expiration = Date.parse(tag(answer.xml, "Expiration") ?? "");
    expect(expiration - started).toBeGreaterThanOrEqual(899_000);
    expect(expiration - started).toBeLessThan(905_000);
    expect(tag(answer.xml, "Arn")).toBe(
      `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deploy/fedlens-try-0a1b2c3d`,
    );
    expect(tag(answer.xml, "AssumedRoleId")).toMatch(/^AROA[A-Z0-9]+:fedlens-try-0a1b2c3d$/);
    expect(tag(answer.xml, "SubjectFromWebIdentityToken")).toBe(MAIN);
    expect(tag(answer.xml, "Audience")).toBe(AUDIENCE);
    expect(tag(answer.xml, "Provider")).toBe(ISSUER_NAME);
    expect(Number(tag(answer.xml, "PackedPolicySize"))).toBeGreaterThan(0);
    const [recorded] = webIdentityCalls(world.emulator.state);
    expect(recorded).toMatchObject({
      roleArn: ROLE,
      durationSeconds: 900,
      policy,
      signed: false,
      outcome: "ok",
      subject: MAIN,
    });
  });

  it("keeps no token in its request log", async () => {
    const token = await world.mint();
    await call({ WebIdentityToken: token });
    const logged = world.emulator.requests.map((request) => request.params.toString()).join("\n");
    expect(logged).toContain("RoleArn=");
    expect(logged).not.toContain(token.split(".")[1]);
    expect(JSON.stringify(webIdentityCalls(world.emulator.state))).not.toContain(token);
  });

  it("accepts an ES256 token", async () => {
    const answer = await call({ WebIdentityToken: await world.mint({}, "ES256") });
    expect(answer.status).toBe(200);
  });

  it("defaults DurationSeconds to an hour when it is left out", async () => {
    const started = Date.now();
    const answer = await call({ WebIdentityToken: await world.mint(), DurationSeconds: undefined });
    const expiration = Date.parse(tag(answer.xml, "Expiration") ?? "");
    expect(expiration - started).toBeGreaterThanOrEqual(3_599_000);
    expect(webIdentityCalls(world.emulator.state)[0]?.durationSeconds).toBeNull();
  });
});

describe("AssumeRoleWithWebIdentity refuses the token", () => {
  it("with no IAM OIDC provider for its issuer", async () => {
    const token = await world.mint({ iss: "https://issuer.fedlens.test/other" });
    const message = expectError(
      await call({ WebIdentityToken: token }),
      400,
      "InvalidIdentityToken",
    );
    expect(message).toBe(
      "No OpenIDConnect provider found in your account for https://issuer.fedlens.test/other",
    );
  });

  it("with an audience missing from the provider's client ids", async () => {
    const token = await world.mint({ aud: "api://other" });
    const answer = await call({ WebIdentityToken: token });
    expect(expectError(answer, 400, "InvalidIdentityToken")).toBe("Incorrect token audience");
  });

  it("accepts azp as the client id when aud is not listed", async () => {
    const answer = await call({ WebIdentityToken: await world.mint({ aud: "x", azp: AUDIENCE }) });
    expect(answer.status).toBe(200);
  });

  it("without an aud claim", async () => {
    const token = await world.mint({ aud: undefined });
    const answer = await call({ WebIdentityToken: token });
    expect(expectError(answer, 400, "InvalidIdentityToken")).toBe("Missing a required claim: aud");
  });

  it("once it has expired, naming both times in epoch seconds", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await world.mint({ iat: now - 900, exp: now - 600 });
    const message = expectError(
      await call({ WebIdentityToken: token }),
      400,
      "ExpiredTokenException",
    );
    expect(message).toMatch(
      new RegExp(
        `^Token expired: current date/time \\d{10} must be before the expiration date/time ${now - 600}$`,
      ),
    );
  });

  it("signed with EdDSA, which STS does not accept", async () => {
    const answer = await call({ WebIdentityToken: await world.mint({}, "EdDSA") });
    expectError(answer, 400, "InvalidIdentityToken");
  });

  it("signed by a key the issuer does not publish under the header's kid", async () => {
    const stranger = await import("@/test/support/oidc-issuer").then((m) =>
      m.generateSigningKey("RS256"),
    );
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: ISSUER_NAME, aud: AUDIENCE, sub: MAIN, exp: now + 300 };
    const forged = await world.issuer.mint(claims, {
      key: stranger,
      kid: world.issuer.currentKey().kid,
    });
    expectError(await call({ WebIdentityToken: forged }), 400, "InvalidIdentityToken");
    const unknownKid = await world.issuer.mint(claims, { key: stranger });
    expect(
      expectError(await call({ WebIdentityToken: unknownKid }), 400, "InvalidIdentityToken"),
    ).toMatch(/^Couldn't retrieve verification key from your identity provider/);
  });

  it("with IDPCommunicationError when the issuer's discovery cannot be read", async () => {
    world.issuer.failWith(503);
    expectError(await call({ WebIdentityToken: await world.mint() }), 400, "IDPCommunicationError");
  });

  it("that is not a JWT", async () => {
    expectError(await call({ WebIdentityToken: "not-a-jwt" }), 400, "InvalidIdentityToken");
  });

  it.each([
    ["IDPRejectedClaim", /^The identity provider \(IdP\) reported that authentication failed/],
    ["RegionDisabledException", /^STS is not activated in this region for account:123456789012/],
  ] as const)("with %s when a test arms it", async (code, message) => {
    armWebIdentityRefusal(world.emulator.state, code);
    expect(expectError(await call({ WebIdentityToken: await world.mint() }), 403, code)).toMatch(
      message,
    );
    expect((await call({ WebIdentityToken: await world.mint() })).status).toBe(200);
  });
});

describe("AssumeRoleWithWebIdentity checks its parameters", () => {
  it.each([
    [{ DurationSeconds: "800" }, /'durationSeconds'.*between 900 and 43200/],
    [{ DurationSeconds: "43201" }, /'durationSeconds'/],
    [{ RoleSessionName: "has space" }, /'roleSessionName'.*regular expression/],
    [{ RoleArn: undefined }, /'RoleArn'/],
    [{ WebIdentityToken: undefined }, /'WebIdentityToken'/],
  ])("answers ValidationError for %o", async (fields, message) => {
    const token = await world.mint();
    const answer = await call({ WebIdentityToken: token, ...fields });
    expect(expectError(answer, 400, "ValidationError")).toMatch(message);
    expect(answer.xml).not.toContain(token);
  });

  it("refuses a DurationSeconds above the role's MaxSessionDuration", async () => {
    const answer = await call({ WebIdentityToken: await world.mint(), DurationSeconds: "7200" });
    expect(expectError(answer, 400, "ValidationError")).toBe(
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  });

  it.each([
    ["{not json", "MalformedPolicyDocument"],
    [JSON.stringify({ Version: "2012-10-17" }), "MalformedPolicyDocument"],
    [JSON.stringify({ Statement: [{ Effect: "Deny", Action: "*" }] }), "MalformedPolicyDocument"],
    [
      JSON.stringify({
        Statement: Array.from({ length: 40 }, (_, i) => ({
          Effect: "Deny",
          Action: `s3:GetObjectVersion${i}`,
          Resource: `arn:aws:s3:::bucket-${i}/*`,
        })),
      }),
      "PackedPolicyTooLarge",
    ],
  ])("refuses the session policy %# with %s", async (policy, code) => {
    expectError(await call({ WebIdentityToken: await world.mint(), Policy: policy }), 400, code);
  });
});

describe("AssumeRoleWithWebIdentity packs session policy and session tags together", () => {
  const tags = (value: string) => ({
    "https://aws.amazon.com/tags": { principal_tags: { team: [value] } },
  });

  it("reports the packed size of a small policy plus tags", async () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
    const alone = await call({ WebIdentityToken: await world.mint(), Policy: policy });
    const tagged = await call({
      WebIdentityToken: await world.mint(tags("x".repeat(400))),
      Policy: policy,
    });
    expect(Number(tag(tagged.xml, "PackedPolicySize"))).toBeGreaterThan(
      Number(tag(alone.xml, "PackedPolicySize")),
    );
  });

  it("refuses tags that overflow the packed space even with a small policy", async () => {
    const token = await world.mint(tags("x".repeat(2100)));
    const answer = await call({ WebIdentityToken: token, Policy: '{"Statement":[]}' });
    expect(expectError(answer, 400, "PackedPolicyTooLarge")).toMatch(
      /^Packed policy consumes 1\d\d% of allotted space, please use smaller policy for this request\.$/,
    );
  });
});

describe("AssumeRoleWithWebIdentity evaluates the role's trust policy", () => {
  const P = "issuer.fedlens.test";
  const other = { ...trustStatement(subIs(MAIN)), Principal: { Federated: `${PROVIDER_ARN}x` } };
  const cases: [string, unknown[], Record<string, unknown>, boolean][] = [
    ["a subject the statement names", [trustStatement(subIs(MAIN))], {}, true],
    [
      "a subject differing only by case",
      [trustStatement(subIs(MAIN))],
      { sub: MAIN.toUpperCase() },
      false,
    ],
    [
      "a StringLike pattern",
      [trustStatement({ StringLike: { [`${P}:sub`]: "repo:contoso/*" } })],
      {},
      true,
    ],
    [
      "a literal * under StringEquals",
      [trustStatement({ StringEquals: { [`${P}:sub`]: "repo:contoso/*" } })],
      {},
      false,
    ],
    [
      "one of several values",
      [trustStatement({ StringEquals: { [`${P}:sub`]: ["x", MAIN] } })],
      {},
      true,
    ],
    [
      "every key of an operator (AND)",
      [trustStatement({ StringEquals: { [`${P}:sub`]: MAIN, [`${P}:aud`]: "other" } })],
      {},
      false,
    ],
    [
      "a key name in another case",
      [trustStatement({ StringEquals: { [`${P.toUpperCase()}:SUB`]: MAIN } })],
      {},
      true,
    ],
    [
      "a condition on a custom claim (never a key)",
      [trustStatement({ StringEquals: { [`${P}:team`]: "red" } })],
      { team: "red" },
      false,
    ],
    [
      "a negated operator on a missing key",
      [trustStatement({ StringNotEquals: { [`${P}:email`]: "x@y" } })],
      {},
      true,
    ],
    [
      "…IfExists on a missing key",
      [trustStatement({ StringEqualsIfExists: { [`${P}:email`]: "x@y" } })],
      {},
      true,
    ],
    [
      "ForAnyValue on amr",
      [trustStatement({ "ForAnyValue:StringLike": { [`${P}:amr`]: "auth*" } })],
      { amr: ["unauthenticated", "authenticated"] },
      true,
    ],
    [
      "ForAllValues on a missing key (dangerously true)",
      [trustStatement({ "ForAllValues:StringEquals": { [`${P}:amr`]: "x" } })],
      {},
      true,
    ],
    [
      "Null asking for a present key",
      [trustStatement({ Null: { [`${P}:azp`]: "false" } })],
      {},
      false,
    ],
    ["an unconditional statement", [trustStatement()], {}, true],
    [
      "a Deny matching the subject, whatever allows",
      [trustStatement(), trustStatement(subIs(MAIN), "Deny")],
      {},
      false,
    ],
    [
      "a Deny for another subject",
      [trustStatement(), trustStatement(subIs("x"), "Deny")],
      {},
      true,
    ],
    ["another provider's statement", [other], {}, false],
    [
      "an action other than web identity",
      [{ ...trustStatement(), Action: "sts:AssumeRole" }],
      {},
      false,
    ],
    ["the action by wildcard", [{ ...trustStatement(), Action: ["sts:AssumeRole*"] }], {}, true],
    [
      "an operator the emulator does not model",
      [trustStatement({ NumericEquals: { [`${P}:sub`]: "1" } })],
      {},
      false,
    ],
  ];

  it.each(cases)("%s", async (_name, statements, claims, allowed) => {
    world.putRole("deploy", statements);
    const answer = await call({ WebIdentityToken: await world.mint(claims) });
    if (allowed) {
      expect(answer.status).toBe(200);
    } else {
      expect(expectError(answer, 403, "AccessDenied")).toBe(
        "Not authorized to perform sts:AssumeRoleWithWebIdentity",
      );
    }
  });

  it("reads GitHub's documented claims as keys for GitHub's issuer only", async () => {
    const github = "token.actions.githubusercontent.com";
    world.addProvider({ url: `https://${github}` });
    world.issuer.failWith(null);
    world.putRole("deploy", [
      {
        ...trustStatement({ StringEquals: { [`${github}:repository`]: "contoso/app" } }),
        Principal: { Federated: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${github}` },
      },
    ]);
    // The fixture resolves only its own issuer name: GitHub's discovery fails.
    const token = await world.mint({ iss: `https://${github}`, repository: "contoso/app" });
    expectError(await call({ WebIdentityToken: token }), 400, "IDPCommunicationError");
  });

  it("answers AccessDenied for a role that does not exist", async () => {
    const token = await world.mint();
    const answer = await call({ WebIdentityToken: token, RoleArn: `${ROLE}-gone` });
    expectError(answer, 403, "AccessDenied");
  });
});
