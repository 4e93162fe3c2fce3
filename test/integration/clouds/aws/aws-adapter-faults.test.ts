// The AWS adapter against faults only Fedlens's emulator injects: a denied
// object, throttling with Retry-After, 5xx and resets, paging past 1,000 roles,
// deleted roles, refused credentials and role assumption.
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActualTarget, CatalogTargetRef } from "@/lib/clouds/adapter-types";
import { awsAdapter, createAwsAdapter } from "@/lib/clouds/aws/adapter";
import { defaultRetryPolicy } from "@/lib/clouds/retry";
import { startIamEmulator } from "@/test/emulators/aws/iam-server";
import { newRoleId } from "@/test/emulators/aws/iam-state";
import { fakeAccessKeyId } from "@/test/emulators/aws/fake-access-key";
import { testSecret, withIamEmulator } from "@/test/integration/emulators/aws-iam-backends";
import {
  ACCOUNT,
  GITHUB,
  GITLAB,
  GITLAB_ARN,
  awsConnection,
  createProvider,
  createRole,
  githubStatement,
  trustDocument,
} from "./aws-adapter-fixture";

const live = withIamEmulator();
const slept: number[] = [];
// Records the waits the retry rule asks for instead of waiting.
const adapter = createAwsAdapter({ sleep: async (ms) => void slept.push(ms) });
const seen = (action: string) => live.emulator.requests.filter((r) => r.action === action).length;

const gitlabStatement = {
  Sid: "GitLab",
  Effect: "Allow",
  Principal: { Federated: GITLAB_ARN },
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: {
    StringEquals: { "gitlab.example.com:sub": "project_path:g/p:ref_type:branch:ref:main" },
  },
};

beforeEach(async () => {
  live.emulator.reset();
  slept.length = 0;
  await createProvider(live.iam, GITHUB, ["sts.amazonaws.com"]);
  await createRole(live.iam, "deploy", [githubStatement("Prod", "repo:o/app:environment:prod")]);
});

async function deployRef(): Promise<CatalogTargetRef> {
  const { targets } = await adapter.discover(awsConnection(live.emulator));
  const target = targets.find((t) => t.displayName === "deploy") as ActualTarget;
  return { kind: target.kind, config: target.config, externalId: target.externalId, bindings: [] };
}

describe("AWS adapter: denied objects are unreadable, never missing", () => {
  it("reads a role whose GetRole is denied as unreadable, with the permission to add", async () => {
    const ref = await deployRef();
    live.emulator.requests.length = 0;
    live.emulator.faults.deniedRoles.add("deploy");
    const read = await adapter.readTarget(awsConnection(live.emulator), ref);
    expect(read).toMatchObject({
      state: "unreadable",
      error: { kind: "denied", code: "AccessDenied", status: 403, object: ref.externalId },
    });
    if (read.state !== "unreadable") return;
    expect(read.error.message).toContain("iam:GetRole");
    expect(read.error.fix).toContain("iam:GetRole");
    expect(seen("GetRole")).toBe(1);
  });

  it("goes on discovering when one provider is denied, with an error for it and for the role trusting it", async () => {
    await createProvider(live.iam, GITLAB, ["gitlab"]);
    await createRole(live.iam, "gitlab-deploy", [gitlabStatement]);
    live.emulator.faults.deniedProviders.add(GITLAB_ARN);
    const { targets, errors } = await adapter.discover(awsConnection(live.emulator));
    expect(targets.map((t) => t.displayName)).toEqual(["deploy"]);
    expect(errors.map((e) => [e.object, e.error.kind, e.error.code])).toEqual([
      [GITLAB_ARN, "denied", "AccessDenied"],
      [`arn:aws:iam::${ACCOUNT}:role/gitlab-deploy`, "denied", "AccessDenied"],
    ]);
  });

  it("reads a deleted role as missing", async () => {
    const ref = await deployRef();
    live.emulator.state.roles.delete("deploy");
    expect(await adapter.readTarget(awsConnection(live.emulator), ref)).toEqual({
      state: "missing",
    });
  });

  it("reads a statement whose provider was deleted as foreign, not as a binding", async () => {
    const ref = await deployRef();
    live.emulator.state.providers.clear();
    const read = await adapter.readTarget(awsConnection(live.emulator), ref);
    expect(read.state === "found" && read.target.bindings).toEqual([]);
    expect(read.state === "found" && read.target.foreign?.map((f) => f.key)).toEqual(["Prod"]);
  });
});

describe("AWS adapter: one bounded retry rule", () => {
  it("retries Throttling after at least the Retry-After the answer carried", async () => {
    const ref = await deployRef();
    live.emulator.requests.length = 0;
    live.emulator.faults.inject("throttle", { action: "GetRole", retryAfterSeconds: 7 });
    const read = await adapter.readTarget(awsConnection(live.emulator), ref);
    expect(read.state).toBe("found");
    expect(seen("GetRole")).toBe(2);
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThanOrEqual(7000);
  });

  it("gives up after the rule's attempts, without the SDK multiplying them, and reads as unreadable", async () => {
    const ref = await deployRef();
    live.emulator.requests.length = 0;
    live.emulator.faults.inject("throttle", { action: "GetRole", times: 20 });
    const read = await adapter.readTarget(awsConnection(live.emulator), ref);
    expect(read).toMatchObject({
      state: "unreadable",
      error: { kind: "throttled", code: "Throttling" },
    });
    expect(seen("GetRole")).toBe(defaultRetryPolicy.attempts);
  });

  it.each(["server-error", "reset"] as const)("retries ListRoles past a %s", async (kind) => {
    live.emulator.faults.inject(kind, { action: "ListRoles" });
    const { targets } = await adapter.discover(awsConnection(live.emulator));
    expect(targets.map((t) => t.displayName)).toEqual(["deploy"]);
    expect(seen("ListRoles")).toBe(2);
  });
});

describe("AWS adapter: paging and credentials", () => {
  it("pages ListRoles with Marker past a thousand roles", async () => {
    const ec2 = trustDocument([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    for (let i = 0; i < 1_050; i++) {
      const name = `app-${String(i).padStart(4, "0")}`;
      const policy =
        i % 350 === 0
          ? trustDocument([githubStatement("Ci", `repo:o/${name}:*`, "StringLike")])
          : ec2;
      live.emulator.state.roles.set(name, {
        name,
        id: newRoleId(),
        arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
        path: "/",
        policy,
        maxSessionDuration: 3600,
        createDate: new Date(),
      });
    }
    const reads: number[] = [];
    const { targets } = await adapter.discover(awsConnection(live.emulator), {
      onProgress: ({ read }) => reads.push(read),
    });
    expect(targets.map((t) => t.displayName)).toEqual([
      "app-0000",
      "app-0350",
      "app-0700",
      "deploy",
    ]);
    expect(seen("ListRoles")).toBe(2);
    expect(reads).toContain(1000);
    expect(reads).toContain(1051);
  });

  it("explains an unknown access key as unauthenticated, in AWS's words", async () => {
    const stranger = { ...live.emulator, accessKeyId: fakeAccessKeyId() };
    const result = await adapter.test(awsConnection(stranger));
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "unauthenticated",
        code: "InvalidClientTokenId",
        message: "The security token included in the request is invalid.",
        status: 403,
      },
    });
    expect(JSON.stringify(result)).not.toContain(testSecret);
  });

  it("signs with the default provider chain when the connection is ambient", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", live.emulator.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", testSecret);
    try {
      const result = await adapter.test({
        ...awsConnection(live.emulator),
        auth: { kind: "ambient" },
      });
      expect(result).toMatchObject({ ok: true, principal: `arn:aws:iam::${ACCOUNT}:user/fedlens` });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("explains a role whose trust policy does not let Fedlens assume it", async () => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/deploy`;
    const result = await adapter.test(awsConnection(live.emulator, { roleArn }));
    expect(result).toMatchObject({ ok: false, error: { kind: "denied", code: "AccessDenied" } });
    if (result.ok) return;
    expect(result.error.message).toContain("sts:AssumeRole");
    expect(result.error.cause).toContain("trust policy");
    const assume = live.emulator.requests.find((r) => r.action === "AssumeRole");
    expect(assume?.params.get("RoleSessionName")).toBe("fedlens");
    expect(assume?.params.get("DurationSeconds")).toBe("900");
  });

  it("explains a refused connection as a network failure after the rule's retries", async () => {
    const closed = await startIamEmulator();
    await closed.close();
    const result = await adapter.test(awsConnection(closed));
    expect(result).toMatchObject({ ok: false, error: { kind: "network", code: "ECONNREFUSED" } });
    expect(slept).toHaveLength(defaultRetryPolicy.attempts - 1);
  });

  it("maps the SDK's own NoSuchEntity exception to IAM's code", async () => {
    const error = await live.iam.send(new GetRoleCommand({ RoleName: "absent" })).catch((e) => e);
    expect(awsAdapter.explain(error)).toMatchObject({
      kind: "not-found",
      code: "NoSuchEntity",
      status: 404,
      message: "The role with name absent cannot be found.",
    });
  });
});
