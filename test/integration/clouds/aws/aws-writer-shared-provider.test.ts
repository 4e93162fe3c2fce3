// The AWS writer's changes to several roles at once through one connection,
// as an apply runs them: the account's OIDC provider they name is read once
// for all of them, created once when missing, and what one change adds to it
// is what the next ones see. Against the emulator (which counts the calls)
// and moto; AddClientIDToOpenIDConnectProvider and a create racing another
// writer's on the emulator only.
import { GetOpenIDConnectProviderCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import type { CatalogTargetRef, PlannedChange } from "@/lib/clouds/adapter-types";
import { awsWriter } from "@/lib/clouds/aws/adapter/writer";
import type { TAwsRoleConfig } from "@/lib/clouds/aws/target-config";
import { createProvider as seedProvider } from "@/test/emulators/aws/iam-providers";
import {
  backends,
  withIamBackend,
  withIamEmulator,
} from "@/test/integration/emulators/aws-iam-backends";
import {
  AUDIENCE,
  builderSpec,
  createChange,
  roleConfig,
  roleRef,
  trustPolicyOf,
} from "@/test/integration/emulators/aws-writer-changes";
import {
  GITHUB,
  GITHUB_ARN,
  THUMBPRINT,
  awsConnection,
  createProvider,
  createRole,
  ec2Statement,
} from "./aws-adapter-fixture";

const GITLAB = "https://gitlab.example.com";
const GITLAB_ARN = "arn:aws:iam::123456789012:oidc-provider/gitlab.example.com";

type Change = { ref: CatalogTargetRef; change: PlannedChange };

/** A statement of `sid` on `role` trusting `url` for `audiences`. */
function statementOn(role: string, sid: string, url: string, audiences: string[]): Change {
  const base = roleConfig(role);
  const config: TAwsRoleConfig =
    url === GITHUB
      ? base
      : { ...base, oidcProviders: [{ url, clientIds: ["gitlab"], thumbprints: [THUMBPRINT] }] };
  const subject =
    url === GITHUB
      ? `repo:o/${sid}:ref:refs/heads/main`
      : `project_path:g/${sid}:ref_type:branch:ref:main`;
  const spec = builderSpec(config, sid, { audiences, subjects: [subject] }, url);
  return { ref: roleRef(config), change: createChange(spec, config) };
}

describe.each(backends)("AWS writer: a provider shared by roles, against $name", (backendCase) => {
  if (backendCase.skip) {
    it.skip(`skipped: ${backendCase.skip}`, () => {});
    return;
  }
  const live = withIamBackend(backendCase);
  /** Calls the emulator received; moto keeps no log, so there the outcome speaks alone. */
  const seen = (action: string) =>
    live.backend.emulator?.requests.filter((r) => r.action === action).length;

  it("creates a provider the account lacks once for two roles written at once, and both trust it", async () => {
    await createRole(live.iam, "deploy", [ec2Statement]);
    await createRole(live.iam, "build", [ec2Statement]);
    if (live.backend.emulator) live.backend.emulator.faults.latencyMs = 15;
    // One connection object: the apply's changes share its clients.
    const connection = awsConnection(live.backend);
    const changes = ["deploy", "build"].flatMap((role) =>
      [1, 2].map((n) => statementOn(role, `Gitlab${n}`, GITLAB, [GITLAB])),
    );
    const results = await Promise.all(
      changes.map(({ ref, change }) => awsWriter.applyChange(connection, ref, change)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(4).fill("applied"));
    for (const role of ["deploy", "build"]) {
      const statements = (await trustPolicyOf(live.iam, role)).Statement;
      expect(statements.map((s) => s.Sid)).toEqual(["Ec2", "Gitlab1", "Gitlab2"]);
      expect(statements.at(-1)).toMatchObject({ Principal: { Federated: GITLAB_ARN } });
    }
    const provider = await live.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITLAB_ARN }),
    );
    expect(provider.ClientIDList?.toSorted()).toEqual(["gitlab", GITLAB]);
    if (live.backend.emulator) expect(seen("CreateOpenIDConnectProvider")).toBe(1);

    // The provider as created is what the next changes see: not read again.
    const reads = seen("GetOpenIDConnectProvider");
    const next = statementOn("build", "Gitlab3", GITLAB, [GITLAB]);
    expect((await awsWriter.applyChange(connection, next.ref, next.change)).status).toBe("applied");
    expect(seen("GetOpenIDConnectProvider")).toBe(reads);
  });
});

describe("AWS writer: a provider shared by roles, emulator only", () => {
  const live = withIamEmulator();
  const seen = (action: string) => live.emulator.requests.filter((r) => r.action === action).length;
  const apply = (connection: ReturnType<typeof awsConnection>, changes: Change[]) =>
    Promise.all(changes.map(({ ref, change }) => awsWriter.applyChange(connection, ref, change)));

  async function setUp(roles: string[]) {
    live.emulator.reset();
    await createProvider(live.iam, GITHUB, [AUDIENCE]);
    for (const role of roles) await createRole(live.iam, role, [ec2Statement]);
    live.emulator.faults.latencyMs = 15;
    live.emulator.requests.length = 0;
  }

  async function clientIds(): Promise<string[] | undefined> {
    const provider = await live.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN }),
    );
    return provider.ClientIDList;
  }

  it("reads the provider once for many roles that find it as they need it", async () => {
    const roles = ["r1", "r2", "r3", "r4"];
    await setUp(roles);
    const connection = awsConnection(live.emulator);
    const changes = roles.flatMap((role) =>
      [1, 2].map((n) => statementOn(role, `Fedlens${n}`, GITHUB, [AUDIENCE])),
    );
    const results = await apply(connection, changes);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill("applied"));
    expect(seen("GetOpenIDConnectProvider")).toBe(1);
    expect(seen("UpdateAssumeRolePolicy")).toBe(8);
  });

  it("adds a client id once for two roles that need it at once; the roles after see it added", async () => {
    await setUp(["deploy", "build", "test"]);
    const connection = awsConnection(live.emulator);
    // The provider is remembered without the new client id first.
    await apply(connection, [statementOn("test", "Plain", GITHUB, [AUDIENCE])]);
    const results = await apply(
      connection,
      ["deploy", "build"].map((role) => statementOn(role, "Ci", GITHUB, ["fedlens-ci"])),
    );
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(seen("AddClientIDToOpenIDConnectProvider")).toBe(1);
    expect(await clientIds()).toEqual([AUDIENCE, "fedlens-ci"]);

    const reads = seen("GetOpenIDConnectProvider");
    await apply(connection, [statementOn("test", "Ci", GITHUB, ["fedlens-ci"])]);
    expect(seen("GetOpenIDConnectProvider")).toBe(reads);
    expect(seen("AddClientIDToOpenIDConnectProvider")).toBe(1);
  });

  it("adopts the provider another writer created between its read and its create, adding the client id it lacks", async () => {
    await setUp(["deploy", "build"]);
    live.emulator.state.providers.delete(GITHUB_ARN);
    // Another writer's create lands just before this writer's.
    const log = live.emulator.requests;
    const push = log.push.bind(log);
    log.push = (...entries) => {
      if (entries.some((entry) => entry.action === "CreateOpenIDConnectProvider")) {
        const theirs = new URLSearchParams({ Url: GITHUB, "ClientIDList.member.1": AUDIENCE });
        seedProvider(live.emulator.state, theirs);
      }
      return push(...entries);
    };
    try {
      const results = await apply(
        awsConnection(live.emulator),
        ["deploy", "build"].map((role) =>
          statementOn(role, "Ci", GITHUB, [AUDIENCE, "fedlens-ci"]),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    } finally {
      log.push = push;
    }
    expect(seen("CreateOpenIDConnectProvider")).toBe(1);
    expect(seen("AddClientIDToOpenIDConnectProvider")).toBe(1);
    // The other writer's client id is kept; Fedlens only adds.
    expect(await clientIds()).toEqual([AUDIENCE, "fedlens-ci"]);
    for (const role of ["deploy", "build"]) {
      expect((await trustPolicyOf(live.iam, role)).Statement.at(-1)).toMatchObject({
        Sid: "Ci",
        Principal: { Federated: GITHUB_ARN },
      });
    }
  });
});
