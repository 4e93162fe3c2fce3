// STS GetCallerIdentity and AssumeRole through @aws-sdk/client-sts, against
// Fedlens's emulator and moto (both implement them), then what only the
// emulator checks: the trust policy, the session limits and expiry.
import { CreateRoleCommand, GetRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { beforeEach, describe, expect, it } from "vitest";
import {
  backends,
  iamClient,
  stsClient,
  testSecret,
  withIamBackend,
  withIamEmulator,
} from "./aws-iam-backends";

const ACCOUNT = "123456789012";
const trustingAccount = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "sts:AssumeRole",
    },
  ],
});
const trustingEc2 = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

describe.each(backends)("STS through the AWS SDK against $name", (backendCase) => {
  if (backendCase.skip) {
    it.skip(`skipped: ${backendCase.skip}`, () => {});
    return;
  }
  const live = withIamBackend(backendCase);

  it("names the caller with GetCallerIdentity: account, ARN and user id", async () => {
    const sts = stsClient(live.backend);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(identity.Account).toBe(ACCOUNT);
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:(iam|sts)::${ACCOUNT}:user/`));
    expect(identity.UserId).toBeTruthy();
  });

  it("assumes a role: temporary credentials whose calls identify as the session", async () => {
    await live.iam.send(
      new CreateRoleCommand({ RoleName: "reader", AssumeRolePolicyDocument: trustingAccount }),
    );
    const sts = stsClient(live.backend);
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn("reader"),
        RoleSessionName: "fedlens",
        DurationSeconds: 900,
      }),
    );
    sts.destroy();
    expect(assumed.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/reader/fedlens`,
    );
    const credentials = assumed.Credentials;
    expect(credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(credentials?.Expiration).toBeInstanceOf(Date);
    const session = stsClient(live.backend, {
      accessKeyId: credentials?.AccessKeyId ?? "",
      secretAccessKey: credentials?.SecretAccessKey ?? "",
      sessionToken: credentials?.SessionToken,
    });
    const identity = await session.send(new GetCallerIdentityCommand({}));
    session.destroy();
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/reader/fedlens`);
  });
});

describe("STS emulator checks moto does not make", () => {
  const live = withIamEmulator();
  beforeEach(async () => {
    live.emulator.reset();
    for (const [name, policy] of [
      ["reader", trustingAccount],
      ["ec2", trustingEc2],
    ] as const) {
      await live.iam.send(
        new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: policy }),
      );
    }
  });

  const assume = (input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>) => {
    const sts = stsClient(live.emulator);
    return sts
      .send(
        new AssumeRoleCommand({ RoleArn: roleArn("reader"), RoleSessionName: "fedlens", ...input }),
      )
      .finally(() => sts.destroy());
  };

  it("refuses a role whose trust policy does not name the caller (AccessDenied, 403)", async () => {
    await expect(assume({ RoleArn: roleArn("ec2") })).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: arn:aws:iam::${ACCOUNT}:user/fedlens is not authorized to perform: sts:AssumeRole on resource: ${roleArn("ec2")}`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("refuses a role that does not exist the same way, revealing nothing", async () => {
    await expect(assume({ RoleArn: roleArn("absent") })).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("refuses a session longer than the role's maximum (ValidationError, 400)", async () => {
    await expect(assume({ DurationSeconds: 7200 })).rejects.toMatchObject({
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("refuses a session name outside [\\w+=,.@-]{2,64} (ValidationError, 400)", async () => {
    await expect(assume({ RoleSessionName: "has space" })).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("refuses an expired session's calls (ExpiredToken, 403)", async () => {
    const { Credentials: credentials } = await assume({ DurationSeconds: 900 });
    const session = live.emulator.state.sessions.get(credentials?.AccessKeyId ?? "");
    if (!session) throw new Error("no session recorded");
    session.expiration = new Date(Date.now() - 1000);
    const iam = iamClient(live.emulator, {
      accessKeyId: credentials?.AccessKeyId ?? "",
      secretAccessKey: credentials?.SecretAccessKey ?? "",
      sessionToken: credentials?.SessionToken,
    });
    await expect(iam.send(new GetRoleCommand({ RoleName: "reader" }))).rejects.toMatchObject({
      name: "ExpiredToken",
      $metadata: { httpStatusCode: 403 },
    });
    iam.destroy();
  });

  it("refuses a session key presented without its session token (InvalidClientTokenId, 403)", async () => {
    const { Credentials: credentials } = await assume({});
    const sts = stsClient(live.emulator, {
      accessKeyId: credentials?.AccessKeyId ?? "",
      secretAccessKey: testSecret,
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
      $metadata: { httpStatusCode: 403 },
    });
    sts.destroy();
  });
});
