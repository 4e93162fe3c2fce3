// The AWS writer against faults and calls only Fedlens's emulator offers:
// AddClientIDToOpenIDConnectProvider (moto lacks it), throttling with
// Retry-After in seconds and as an HTTP-date, a 500 then success, and a
// denied write.
import { GetOpenIDConnectProviderCommand } from "@aws-sdk/client-iam";
import { beforeEach, describe, expect, it } from "vitest";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import { createAwsWriter } from "@/lib/clouds/aws/adapter/writer";
import { withIamEmulator } from "@/test/integration/emulators/aws-iam-backends";
import {
  AUDIENCE,
  builderSpec,
  createChange,
  githubSpec,
  roleConfig,
  roleRef,
  trustPolicyOf,
  writeActions,
} from "@/test/integration/emulators/aws-writer-changes";
import {
  GITHUB,
  GITHUB_ARN,
  awsConnection,
  createProvider,
  createRole,
  ec2Statement,
} from "./aws-adapter-fixture";

const live = withIamEmulator();
const slept: number[] = [];
// Records the waits the retry rule asks for instead of waiting.
const writer = createAwsWriter({ sleep: async (ms) => void slept.push(ms) });
const config = roleConfig("deploy");
const ref = roleRef(config);
const seen = (action: string) => live.emulator.requests.filter((r) => r.action === action).length;
const writes = () => live.emulator.requests.filter((r) => writeActions.includes(r.action)).length;
const apply = (spec = githubSpec(config, "Fedlens1", "repo:o/app:ref:refs/heads/main")) =>
  writer.applyChange(awsConnection(live.emulator), ref, createChange(spec, config));

beforeEach(async () => {
  live.emulator.reset();
  slept.length = 0;
  await createProvider(live.iam, GITHUB, [AUDIENCE]);
  await createRole(live.iam, "deploy", [ec2Statement]);
});

describe("AWS writer: the provider's client ids", () => {
  it("adds the statement's audience to a provider that lacks it, then writes nothing on a second apply", async () => {
    const spec = builderSpec(config, "Fedlens1", {
      audiences: ["fedlens-ci"],
      subjects: ["repo:o/app:ref:refs/heads/main"],
    });
    expect((await apply(spec)).status).toBe("applied");
    const provider = await live.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN }),
    );
    expect(provider.ClientIDList).toEqual([AUDIENCE, "fedlens-ci"]);
    expect(seen("AddClientIDToOpenIDConnectProvider")).toBe(1);
    expect(seen("CreateOpenIDConnectProvider")).toBe(1); // the beforeEach's own
    const before = writes();
    expect((await apply(spec)).status).toBe("unchanged");
    expect(writes()).toBe(before);
  });

  it("counts a client id added to an existing statement as applied", async () => {
    const spec = builderSpec(config, "Fedlens1", {
      audiences: ["fedlens-ci"],
      subjects: ["repo:o/app:ref:refs/heads/main"],
    });
    await apply(spec);
    live.emulator.state.providers.get(GITHUB_ARN)?.clientIds.pop();
    expect((await apply(spec)).status).toBe("applied");
    expect(seen("AddClientIDToOpenIDConnectProvider")).toBe(2);
    expect(seen("UpdateAssumeRolePolicy")).toBe(1);
  });
});

describe("AWS writer: retries", () => {
  it("waits the Retry-After seconds a throttled write asked for, then writes once", async () => {
    live.emulator.faults.inject("throttle", {
      action: "UpdateAssumeRolePolicy",
      retryAfterSeconds: 3,
    });
    expect((await apply()).status).toBe("applied");
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThanOrEqual(3000);
    expect(seen("UpdateAssumeRolePolicy")).toBe(2);
    const sids = (await trustPolicyOf(live.iam, "deploy")).Statement.map((s) => s.Sid);
    expect(sids).toEqual(["Ec2", "Fedlens1"]);
  });

  it("waits until the HTTP-date a throttled read gave in Retry-After", async () => {
    live.emulator.faults.inject("throttle", {
      action: "GetRole",
      retryAfterDate: new Date(Date.now() + 10_000),
    });
    expect((await apply()).status).toBe("applied");
    expect(slept).toHaveLength(1);
    // An HTTP-date has whole seconds, so the wait is a little under 10 s.
    expect(slept[0]).toBeGreaterThan(8000);
    expect(seen("GetRole")).toBe(2);
  });

  it("retries a 500 and ends with one statement, not two", async () => {
    live.emulator.faults.inject("server-error", { action: "UpdateAssumeRolePolicy" });
    expect((await apply()).status).toBe("applied");
    const sids = (await trustPolicyOf(live.iam, "deploy")).Statement.map((s) => s.Sid);
    expect(sids).toEqual(["Ec2", "Fedlens1"]);
    expect(seen("UpdateAssumeRolePolicy")).toBe(2);
  });

  it("retries a throttled provider creation and creates the provider once", async () => {
    live.emulator.state.providers.clear();
    live.emulator.requests.length = 0;
    live.emulator.faults.inject("throttle", { action: "CreateOpenIDConnectProvider" });
    expect((await apply()).status).toBe("applied");
    expect(live.emulator.state.providers.get(GITHUB_ARN)?.clientIds).toEqual([AUDIENCE]);
    expect(seen("CreateOpenIDConnectProvider")).toBe(2);
  });
});

describe("AWS writer: refusals", () => {
  it("names the write permission to add when UpdateAssumeRolePolicy is denied, without retrying", async () => {
    live.emulator.faults.deniedActions.add("UpdateAssumeRolePolicy");
    const error = await apply().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CloudCallError);
    expect((error as CloudCallError).cloudError).toMatchObject({
      kind: "denied",
      code: "AccessDenied",
      status: 403,
      fix: expect.stringContaining("iam:CreateOpenIDConnectProvider"),
    });
    expect((error as CloudCallError).cloudError.fix).toMatch(/^Allow iam:UpdateAssumeRolePolicy /);
    expect(seen("UpdateAssumeRolePolicy")).toBe(1);
    expect(slept).toEqual([]);
  });
});

describe("AWS writer: a raised trust policy quota", () => {
  const subjects = Array.from(
    { length: 50 },
    (_, n) => `repo:octo-org/application-${n}:environment:production`,
  );
  const raised = createAwsWriter({ trustPolicyQuota: 4096 });
  const applyBig = () =>
    raised.applyChange(
      awsConnection(live.emulator),
      ref,
      createChange(builderSpec(config, "Fedlens1", { subjects }), config),
    );

  it("writes past 2,048 characters when the account's quota was raised", async () => {
    live.emulator.state.trustPolicyQuota = 4096;
    expect((await applyBig()).status).toBe("applied");
    expect((await trustPolicyOf(live.iam, "deploy")).Statement).toHaveLength(2);
  });

  it("maps IAM's LimitExceeded when the account's quota is lower than Fedlens was told", async () => {
    const error = await applyBig().catch((caught: unknown) => caught);
    expect((error as CloudCallError).cloudError).toMatchObject({
      kind: "invalid",
      code: "LimitExceeded",
      message: "Cannot exceed quota for ACLSizePerRole: 2048",
      cause: expect.stringContaining("trust policy would be longer"),
      fix: expect.stringContaining("Service Quotas"),
    });
    expect(seen("UpdateAssumeRolePolicy")).toBe(1);
  });
});
