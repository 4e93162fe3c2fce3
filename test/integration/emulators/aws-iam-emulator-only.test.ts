// What only Fedlens's IAM emulator covers: calls moto lacks, the documented
// errors moto does not raise, fault injection and the SDK's retry behaviour.
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  ListRolesCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { beforeEach, describe, expect, it } from "vitest";
import { trustPolicy, withIamEmulator } from "./aws-iam-backends";

const live = withIamEmulator();

beforeEach(async () => {
  live.emulator.reset();
  await live.iam.send(
    new CreateRoleCommand({
      RoleName: "deploy",
      AssumeRolePolicyDocument: trustPolicy("repo:o/r:*"),
    }),
  );
});

const seen = (action: string) => live.emulator.requests.filter((r) => r.action === action).length;

describe("IAM emulator calls and errors moto does not have", () => {
  it("adds a client id to a provider, and adding it again changes nothing", async () => {
    const { OpenIDConnectProviderArn: arn } = await live.iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: "https://token.actions.githubusercontent.com",
        ClientIDList: ["sts.amazonaws.com"],
      }),
    );
    const add = new AddClientIDToOpenIDConnectProviderCommand({
      OpenIDConnectProviderArn: arn,
      ClientID: "api://fedlens",
    });
    await live.iam.send(add);
    await live.iam.send(add);
    const got = await live.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
    );
    expect(got.ClientIDList).toEqual(["sts.amazonaws.com", "api://fedlens"]);
  });

  it("refuses CreateRole with a trust document that is not JSON (MalformedPolicyDocument, 400)", async () => {
    await expect(
      live.iam.send(
        new CreateRoleCommand({ RoleName: "other", AssumeRolePolicyDocument: "not json" }),
      ),
    ).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("refuses a trust policy over 2,048 characters without whitespace (LimitExceeded, 409)", async () => {
    const tooLong = trustPolicy(`repo:o/${"r".repeat(2048)}:*`);
    const limit = { name: "LimitExceededException", $metadata: { httpStatusCode: 409 } };
    await expect(
      live.iam.send(
        new CreateRoleCommand({ RoleName: "other", AssumeRolePolicyDocument: tooLong }),
      ),
    ).rejects.toMatchObject(limit);
    await expect(
      live.iam.send(
        new UpdateAssumeRolePolicyCommand({ RoleName: "deploy", PolicyDocument: tooLong }),
      ),
    ).rejects.toMatchObject(limit);
    // The SDK counts LimitExceededException among its throttling names and
    // retries it, although IAM's quota error never clears by waiting.
    expect(seen("UpdateAssumeRolePolicy")).toBe(3);
  });

  it("does not count whitespace against the trust policy quota", async () => {
    const padded = `${" ".repeat(2048)}\n${trustPolicy("repo:o/r:*")}`;
    expect(padded.length).toBeGreaterThan(2048);
    await live.iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: "deploy", PolicyDocument: padded }),
    );
    const got = await live.iam.send(new GetRoleCommand({ RoleName: "deploy" }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? "")).toBe(padded);
  });
});

describe("IAM emulator faults and the SDK's retries", () => {
  it("answers Throttling (400) and the SDK retries it", async () => {
    live.emulator.faults.inject("throttle", { action: "GetRole" });
    const got = await live.iam.send(new GetRoleCommand({ RoleName: "deploy" }));
    expect(got.Role?.RoleName).toBe("deploy");
    expect(got.$metadata.attempts).toBe(2);
    expect(seen("GetRole")).toBe(2);
  });

  it("gives up with Throttling after the standard mode's three attempts", async () => {
    live.emulator.faults.inject("throttle", { action: "GetRole", times: 5 });
    await expect(live.iam.send(new GetRoleCommand({ RoleName: "deploy" }))).rejects.toMatchObject({
      name: "Throttling",
      $metadata: { httpStatusCode: 400, attempts: 3 },
    });
    expect(seen("GetRole")).toBe(3);
  });

  it.each(["server-error", "reset"] as const)("retries past a %s", async (kind) => {
    live.emulator.faults.inject(kind, { action: "ListRoles" });
    const listed = await live.iam.send(new ListRolesCommand({}));
    expect(listed.Roles?.map((r) => r.RoleName)).toEqual(["deploy"]);
    expect(seen("ListRoles")).toBe(2);
  });

  it("answers AccessDenied (403) on one role, never retried, while other roles stay readable", async () => {
    await live.iam.send(
      new CreateRoleCommand({ RoleName: "other", AssumeRolePolicyDocument: trustPolicy("x") }),
    );
    live.emulator.faults.deniedRoles.add("deploy");
    await expect(live.iam.send(new GetRoleCommand({ RoleName: "deploy" }))).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403, attempts: 1 },
    });
    expect(seen("GetRole")).toBe(1);
    await expect(live.iam.send(new GetRoleCommand({ RoleName: "other" }))).resolves.toBeDefined();
  });

  it("holds each answer for the injected latency, so a shorter client deadline aborts", async () => {
    live.emulator.faults.latencyMs = 1_000;
    await expect(
      live.iam.send(new ListRolesCommand({}), { abortSignal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(seen("ListRoles")).toBe(1);
  });
});
