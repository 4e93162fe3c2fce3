// The AWS writer with the real SDK against Fedlens's IAM emulator and against
// moto (it implements GetRole, UpdateAssumeRolePolicy and
// CreateOpenIDConnectProvider): the same assertions on both.
import { GetOpenIDConnectProviderCommand } from "@aws-sdk/client-iam";
import { beforeEach, describe, expect, it } from "vitest";
import { CloudCallError, type ActualBinding } from "@/lib/clouds/adapter-types";
import { awsAdapter } from "@/lib/clouds/aws/adapter";
import { awsWriter } from "@/lib/clouds/aws/adapter/writer";
import { backends, withIamBackend } from "@/test/integration/emulators/aws-iam-backends";
import {
  AUDIENCE,
  builderSpec,
  createChange,
  deleteChange,
  githubSpec,
  rawSpec,
  roleConfig,
  roleRef,
  trustPolicyOf,
  updateChange,
  writeActions,
} from "@/test/integration/emulators/aws-writer-changes";
import {
  GITHUB,
  THUMBPRINT,
  awsConnection,
  createProvider,
  createRole,
  ec2Statement,
  githubStatement,
} from "./aws-adapter-fixture";

// A web-identity statement Fedlens does not own (no catalogue binding names it).
const othersStatement = githubStatement("Others", "repo:someone/else:ref:refs/heads/main");

async function rejection(promise: Promise<unknown>): Promise<CloudCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CloudCallError);
  return error as CloudCallError;
}

describe.each(backends)("AWS writer against $name", (backendCase) => {
  if (backendCase.skip) {
    it.skip(`skipped: ${backendCase.skip}`, () => {});
    return;
  }
  const live = withIamBackend(backendCase);
  const config = roleConfig("deploy");
  const ref = roleRef(config);
  const connection = () => awsConnection(live.backend);
  /** Writes the emulator received; moto keeps no log, so there the status speaks alone. */
  const writes = () =>
    live.backend.emulator?.requests.filter((r) => writeActions.includes(r.action)).length;
  const expectNoWrites = (before: number | undefined) => {
    if (before !== undefined) expect(writes()).toBe(before);
  };

  async function actual(key: string): Promise<ActualBinding> {
    const read = await awsAdapter.readTarget(connection(), ref);
    if (read.state !== "found") throw new Error(`role not found: ${read.state}`);
    const binding = read.target.bindings.find((b) => b.key === key);
    if (!binding) throw new Error(`no binding ${key}`);
    return binding;
  }

  beforeEach(async () => {
    await createProvider(live.iam, GITHUB, [AUDIENCE]);
    await createRole(live.iam, "deploy", [ec2Statement, othersStatement]);
  });

  it("adds its statement and keeps the service and un-owned web-identity statements as they were", async () => {
    const spec = githubSpec(config, "Fedlens1", "repo:o/app:environment:prod");
    const result = await awsWriter.applyChange(connection(), ref, createChange(spec, config));
    expect(result.status).toBe("applied");
    const policy = await trustPolicyOf(live.iam, "deploy");
    expect(policy.Statement).toEqual([ec2Statement, othersStatement, spec.statement]);
    // Kept as IAM returned them, key order included.
    expect(policy.Statement.slice(0, 2).map((s) => JSON.stringify(s))).toEqual(
      [ec2Statement, othersStatement].map((s) => JSON.stringify(s)),
    );
    // The binding as drift would read it next.
    expect(result.after).toEqual(await actual("Fedlens1"));
  });

  it("makes no write when the same change is applied again", async () => {
    const change = createChange(
      githubSpec(config, "Fedlens1", "repo:o/app:ref:refs/heads/main"),
      config,
    );
    await awsWriter.applyChange(connection(), ref, change);
    const before = writes();
    const again = await awsWriter.applyChange(connection(), ref, change);
    expect(again).toEqual({ status: "unchanged", after: await actual("Fedlens1") });
    expectNoWrites(before);
  });

  it("replaces only its statement on update, then changes nothing on a second update", async () => {
    const first = githubSpec(config, "Fedlens1", "repo:o/app:ref:refs/heads/main");
    await awsWriter.applyChange(connection(), ref, createChange(first, config));
    const edited = githubSpec(config, "Fedlens1", "repo:o/app:environment:prod");
    const change = updateChange(await actual("Fedlens1"), edited, config);
    expect((await awsWriter.applyChange(connection(), ref, change)).status).toBe("applied");
    expect((await trustPolicyOf(live.iam, "deploy")).Statement).toEqual([
      ec2Statement,
      othersStatement,
      edited.statement,
    ]);
    const before = writes();
    expect((await awsWriter.applyChange(connection(), ref, change)).status).toBe("unchanged");
    expectNoWrites(before);
  });

  it("removes only its statement on delete, and a second delete is a no-op", async () => {
    const spec = githubSpec(config, "Fedlens1", "repo:o/app:ref:refs/heads/main");
    await awsWriter.applyChange(connection(), ref, createChange(spec, config));
    const change = deleteChange(await actual("Fedlens1"));
    expect(await awsWriter.applyChange(connection(), ref, change)).toEqual({
      status: "applied",
      after: null,
    });
    expect((await trustPolicyOf(live.iam, "deploy")).Statement).toEqual([
      ec2Statement,
      othersStatement,
    ]);
    const before = writes();
    expect(await awsWriter.applyChange(connection(), ref, change)).toEqual({
      status: "unchanged",
      after: null,
    });
    expectNoWrites(before);
  });

  it("updates an imported statement that had no Sid in place, writing the Sid Fedlens keyed it by", async () => {
    const { Sid: _sid, ...unnamed } = githubStatement("", "repo:o/app:ref:refs/heads/main");
    await createRole(live.iam, "imported", [ec2Statement, unnamed]);
    const importedConfig = roleConfig("imported");
    const read = await awsAdapter.readTarget(connection(), roleRef(importedConfig));
    if (read.state !== "found") throw new Error(read.state);
    const [binding] = read.target.bindings;
    expect(binding?.key).toMatch(/^NoSid/);
    const key = binding?.key as string;
    const edited = githubSpec(importedConfig, key, "repo:o/app:environment:prod");
    const change = updateChange(binding as ActualBinding, edited, importedConfig);
    await awsWriter.applyChange(connection(), roleRef(importedConfig), change);
    expect((await trustPolicyOf(live.iam, "imported")).Statement).toEqual([
      ec2Statement,
      edited.statement,
    ]);
  });

  it("creates the OIDC provider the statement names when the account lacks it", async () => {
    const gitlab = "https://gitlab.example.com";
    const gitlabConfig = {
      ...config,
      oidcProviders: [{ url: gitlab, clientIds: ["gitlab"], thumbprints: [THUMBPRINT] }],
    };
    const spec = builderSpec(
      gitlabConfig,
      "Gitlab",
      { audiences: [gitlab], subjects: ["project_path:g/p:ref_type:branch:ref:main"] },
      gitlab,
    );
    const result = await awsWriter.applyChange(
      connection(),
      roleRef(gitlabConfig),
      createChange(spec, gitlabConfig),
    );
    expect(result.status).toBe("applied");
    const arn = "arn:aws:iam::123456789012:oidc-provider/gitlab.example.com";
    const provider = await live.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
    );
    expect(provider.ClientIDList?.toSorted()).toEqual(["gitlab", "https://gitlab.example.com"]);
    expect(provider.ThumbprintList?.map((t) => t.toLowerCase())).toEqual([THUMBPRINT]);
    const statements = (await trustPolicyOf(live.iam, "deploy")).Statement;
    expect(statements.at(-1)).toMatchObject({ Sid: "Gitlab", Principal: { Federated: arn } });
  });

  it("serialises three statements on one role (none lost) while another role is written too", async () => {
    await createRole(live.iam, "build", [ec2Statement]);
    const buildConfig = roleConfig("build");
    if (live.backend.emulator) live.backend.emulator.faults.latencyMs = 15;
    const specs = (c: typeof config) =>
      [1, 2, 3].map((n) => githubSpec(c, `Fedlens${n}`, `repo:o/app${n}:ref:refs/heads/main`));
    const results = await Promise.all([
      ...specs(config).map((s) =>
        awsWriter.applyChange(connection(), ref, createChange(s, config)),
      ),
      ...specs(buildConfig).map((s) =>
        awsWriter.applyChange(connection(), roleRef(buildConfig), createChange(s, buildConfig)),
      ),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(6).fill("applied"));
    // Foreign statements first, as they were; Fedlens's in the order the role's lock took them.
    const sids = async (role: string) => {
      const all = (await trustPolicyOf(live.iam, role)).Statement.map((s) => String(s.Sid));
      const ours = all.filter((sid) => sid.startsWith("Fedlens"));
      return [...all.filter((sid) => !ours.includes(sid)), ...ours.toSorted()];
    };
    expect(await sids("deploy")).toEqual(["Ec2", "Others", "Fedlens1", "Fedlens2", "Fedlens3"]);
    expect(await sids("build")).toEqual(["Ec2", "Fedlens1", "Fedlens2", "Fedlens3"]);
    const overlap = live.backend.emulator?.roleOverlap;
    if (overlap) {
      expect(overlap.samePeak).toBe(1);
      expect(overlap.rolesPeak).toBe(2);
    }
  });

  it("reports IAM's MalformedPolicyDocument with a cause and a fix, without retrying", async () => {
    const statement = {
      ...githubStatement("Bad", "repo:o/app:ref:refs/heads/main"),
      Resource: "*",
    };
    const error = await rejection(
      awsWriter.applyChange(connection(), ref, createChange(rawSpec("Bad", statement), config)),
    );
    expect(error.cloudError).toMatchObject({
      kind: "invalid",
      code: "MalformedPolicyDocument",
      message: expect.stringContaining("Resource"),
      cause: expect.stringContaining("IAM refused the trust policy"),
      object: ref.externalId,
    });
    const updates = live.backend.emulator?.requests.filter(
      (r) => r.action === "UpdateAssumeRolePolicy",
    );
    if (updates) expect(updates).toHaveLength(1);
    expect((await trustPolicyOf(live.iam, "deploy")).Statement).toEqual([
      ec2Statement,
      othersStatement,
    ]);
  });

  it("refuses a role that does not exist, saying Fedlens does not create roles", async () => {
    const missing = roleConfig("nobody");
    const error = await rejection(
      awsWriter.applyChange(
        connection(),
        roleRef(missing),
        createChange(githubSpec(missing, "Fedlens1", "repo:o/app:ref:refs/heads/main"), missing),
      ),
    );
    expect(error.cloudError).toMatchObject({
      kind: "not-found",
      code: "NoSuchEntity",
      object: "arn:aws:iam::123456789012:role/nobody",
      fix: expect.stringContaining("Create the role nobody"),
    });
  });

  it("refuses, before any write, a statement that would take the policy past 2,048 characters", async () => {
    const subjects = Array.from(
      { length: 50 },
      (_, n) => `repo:octo-org/application-${n}:environment:production`,
    );
    const big = builderSpec(config, "Fedlens1", { subjects });
    const before = writes();
    const error = await rejection(
      awsWriter.applyChange(connection(), ref, createChange(big, config)),
    );
    expect(error.cloudError).toMatchObject({
      kind: "invalid",
      code: "FedlensTrustPolicyTooLarge",
      fix: expect.stringContaining("Service Quotas"),
    });
    expectNoWrites(before);
    expect((await trustPolicyOf(live.iam, "deploy")).Statement).toHaveLength(2);
  });
});
