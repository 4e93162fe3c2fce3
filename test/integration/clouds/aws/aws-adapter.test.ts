// The AWS adapter with the real SDK clients against Fedlens's IAM/STS emulator
// and against moto: the same assertions on both for every call moto implements.
import { UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import { beforeEach, describe, expect, it } from "vitest";
import type { ActualTarget } from "@/lib/clouds/adapter-types";
import { awsCatalog } from "@/lib/clouds/aws";
import { awsAdapter } from "@/lib/clouds/aws/adapter";
import { awsBindingContext } from "@/lib/clouds/aws/adapter/statement-spec";
import { ZAwsBindingSpec, type TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import { awsRoleIdentity, ZAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { backends, withIamBackend } from "@/test/integration/emulators/aws-iam-backends";
import {
  ACCOUNT,
  GITHUB,
  GITHUB_ARN,
  awsConnection,
  createProvider,
  createRole,
  ec2Statement,
  githubStatement,
  trustDocument,
} from "./aws-adapter-fixture";

function targetRef(target: ActualTarget) {
  return { kind: target.kind, config: target.config, externalId: target.externalId, bindings: [] };
}

describe.each(backends)("AWS adapter against $name", (backendCase) => {
  if (backendCase.skip) {
    it.skip(`skipped: ${backendCase.skip}`, () => {});
    return;
  }
  const live = withIamBackend(backendCase);

  beforeEach(async () => {
    await createProvider(live.iam, GITHUB, ["sts.amazonaws.com"]);
  });

  it("tests the connection: the caller's ARN, the account and the providers it sees", async () => {
    const result = await awsAdapter.test(awsConnection(live.backend));
    expect(result).toEqual({
      ok: true,
      principal: expect.stringMatching(new RegExp(`^arn:aws:(iam|sts)::${ACCOUNT}:user/`)),
      details: [`Account ${ACCOUNT}`, "1 IAM OIDC provider visible"],
    });
  });

  it("assumes the connection's role first, as session fedlens", async () => {
    await createRole(live.iam, "fedlens-reader", [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "sts:AssumeRole",
      },
    ]);
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/fedlens-reader`;
    const result = await awsAdapter.test(awsConnection(live.backend, { roleArn }));
    expect(result).toMatchObject({
      ok: true,
      principal: `arn:aws:sts::${ACCOUNT}:assumed-role/fedlens-reader/fedlens`,
    });
  });

  it("fails the test when the credentials belong to another account than the connection's", async () => {
    const result = await awsAdapter.test(
      awsConnection(live.backend, { accountId: "210987654321" }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "invalid", code: "FedlensAccountMismatch" },
    });
  });

  it("discovers the roles that trust the account's OIDC providers, in the catalogue's terms", async () => {
    await createRole(live.iam, "deploy", [
      githubStatement("Prod", "repo:octo-org/app:environment:prod"),
    ]);
    await createRole(live.iam, "ec2-only", [ec2Statement]);
    const progress: number[] = [];
    const result = await awsAdapter.discover(awsConnection(live.backend), {
      onProgress: ({ read }) => progress.push(read),
    });
    expect(result.errors).toEqual([]);
    expect(result.targets.map((t) => t.displayName)).toEqual(["deploy"]);
    const [target] = result.targets as [ActualTarget];
    const config = ZAwsRoleConfig.parse(target.config);
    expect(config).toEqual({
      accountId: ACCOUNT,
      roleName: "deploy",
      path: "/",
      oidcProviders: [
        {
          url: GITHUB,
          clientIds: ["sts.amazonaws.com"],
          thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"],
        },
      ],
    });
    expect(target.externalId).toBe(awsRoleIdentity(config).externalId);
    expect(target.bindings).toHaveLength(1);
    const [binding] = target.bindings;
    const spec = ZAwsBindingSpec.parse(binding?.spec);
    expect(spec).toMatchObject({
      sid: "Prod",
      providerUrl: GITHUB,
      mode: "builder",
      builder: {
        audiences: ["sts.amazonaws.com"],
        subjectOperator: "StringEquals",
        subjects: ["repo:octo-org/app:environment:prod"],
        extraConditions: [],
      },
    });
    expect(binding?.key).toBe(awsAdapter.bindingKey(spec));
    // The catalogue's object for this statement alone, less the policy that
    // would repeat it and the shared provider's thumbprints (not compared).
    const {
      trustPolicy: _repeats,
      thumbprints: _shared,
      ...alone
    } = awsCatalog.cloudObject(awsBindingContext(spec, config)) as Record<string, unknown>;
    expect(binding?.cloudObject).toEqual(alone);
    expect(binding?.cloudObject).toEqual(awsAdapter.comparableCloudObject?.(spec, config));
    expect(progress.length).toBeGreaterThan(0);
  });

  it("splits a multi-statement trust policy: bindings, a statement without Sid, foreign statements", async () => {
    const { Sid: _unused, ...noSid } = githubStatement("", "repo:octo-org/app:ref:refs/heads/main");
    void _unused;
    const exotic = {
      ...githubStatement("Exotic", "repo:octo-org/*", "StringLike"),
      Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
    };
    await createRole(live.iam, "mixed", [
      githubStatement("Prod", "repo:octo-org/app:environment:prod"),
      noSid,
      exotic,
      ec2Statement,
      {
        Sid: "OtherAccount",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::210987654321:root" },
        Action: "sts:AssumeRole",
      },
    ]);
    const { targets, errors } = await awsAdapter.discover(awsConnection(live.backend));
    expect(errors).toEqual([]);
    const [target] = targets as [ActualTarget];
    const bySid = Object.fromEntries(
      target.bindings.map((b) => [b.key, ZAwsBindingSpec.parse(b.spec)]),
    );
    const keys = Object.keys(bySid);
    expect(keys).toHaveLength(3);
    expect(bySid.Prod?.mode).toBe("builder");
    expect(bySid.Exotic?.mode).toBe("raw");
    expect(bySid.Exotic?.statement).toEqual(exotic);
    const derived = keys.find((key) => key.startsWith("NoSid")) as string;
    expect(derived).toMatch(/^NoSid[0-9a-f]{16}$/);
    expect(bySid[derived]?.statement).toEqual({ Sid: derived, ...noSid });
    const flagged = target.bindings.find((b) => b.key === derived);
    expect(flagged?.description).toContain("no Sid");
    expect(target.foreign?.map((f) => f.key)).toEqual(["Ec2", "OtherAccount"]);
    expect(target.foreign?.[0]?.description).toContain("ec2.amazonaws.com");
    expect(target.foreign?.[1]?.description).toContain("210987654321");

    // The derived key is stable: a second read names the statement the same.
    const again = await awsAdapter.discover(awsConnection(live.backend));
    expect(again.targets[0]?.bindings.map((b) => b.key)).toEqual(target.bindings.map((b) => b.key));
  });

  it("reads one target: found with its bindings, and a removed statement is absent", async () => {
    await createRole(live.iam, "deploy", [
      githubStatement("Prod", "repo:octo-org/app:environment:prod"),
      githubStatement("Main", "repo:octo-org/app:ref:refs/heads/main"),
    ]);
    const { targets } = await awsAdapter.discover(awsConnection(live.backend));
    const ref = targetRef(targets[0] as ActualTarget);

    const before = await awsAdapter.readTarget(awsConnection(live.backend), ref);
    expect(before.state).toBe("found");
    if (before.state !== "found") return;
    expect(before.target).toEqual(targets[0]);

    await live.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "deploy",
        PolicyDocument: trustDocument([
          githubStatement("Prod", "repo:octo-org/app:environment:prod"),
        ]),
      }),
    );
    const after = await awsAdapter.readTarget(awsConnection(live.backend), ref);
    expect(after.state === "found" && after.target.bindings.map((b) => b.key)).toEqual(["Prod"]);
  });

  it("reads a changed statement so it no longer equals the catalogue's object", async () => {
    await createRole(live.iam, "deploy", [
      githubStatement("Prod", "repo:octo-org/app:environment:prod"),
    ]);
    const { targets } = await awsAdapter.discover(awsConnection(live.backend));
    const target = targets[0] as ActualTarget;
    const catalogued = target.bindings[0]?.spec as TAwsBindingSpec;
    await live.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "deploy",
        PolicyDocument: trustDocument([githubStatement("Prod", "repo:octo-org/*", "StringLike")]),
      }),
    );
    const read = await awsAdapter.readTarget(awsConnection(live.backend), targetRef(target));
    if (read.state !== "found") throw new Error(read.state);
    const actual = read.target.bindings[0];
    expect(actual?.key).toBe("Prod");
    expect(actual?.cloudObject).not.toEqual(
      awsCatalog.cloudObject(awsBindingContext(catalogued, ZAwsRoleConfig.parse(target.config))),
    );
  });

  it("answers missing for a role that does not exist", async () => {
    const config = {
      accountId: ACCOUNT,
      roleName: "absent",
      path: "/",
      oidcProviders: [{ url: GITHUB, clientIds: ["sts.amazonaws.com"], thumbprints: [] }],
    };
    const read = await awsAdapter.readTarget(awsConnection(live.backend), {
      kind: "aws-role",
      config,
      externalId: `arn:aws:iam::${ACCOUNT}:role/absent`,
      bindings: [],
    });
    expect(read).toEqual({ state: "missing" });
  });

  it("keeps the provider list as GetOpenIDConnectProvider returns it, with https:// put back", async () => {
    await createRole(live.iam, "deploy", [githubStatement("Prod", "repo:o/r:*", "StringLike")]);
    const { targets } = await awsAdapter.discover(awsConnection(live.backend));
    const config = ZAwsRoleConfig.parse(targets[0]?.config);
    expect(config.oidcProviders.map((p) => p.url)).toEqual([GITHUB]);
    expect(JSON.stringify(targets)).toContain(GITHUB_ARN);
  });
});
