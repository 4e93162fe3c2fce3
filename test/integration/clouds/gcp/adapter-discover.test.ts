// The GCP adapter's import read through the real @googleapis/iam client,
// signed in by google-auth-library with a service-account key, against the
// emulator over TLS trusted through the connection's CA bundle.
import { describe, expect, it } from "vitest";
import { gcpAdapter } from "@/lib/clouds/gcp/adapter";
import { ZGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { gcpProviderIdentity, ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { members, N, POOL, PROVIDER, seedEstate, WIU } from "./estate";
import { setUpGcpEmulator } from "./support";

const fx = setUpGcpEmulator();

describe("GCP adapter discover", () => {
  it("finds the OIDC provider with subject, attribute and principalSet grants, and sets the others apart", async () => {
    const { deployer } = seedEstate(fx.emulator.state);
    const progress: number[] = [];
    const result = await gcpAdapter.discover(fx.connection, {
      onProgress: ({ read }) => progress.push(read),
    });

    expect(result.targets).toHaveLength(1);
    const [target] = result.targets;
    const config = ZGcpProviderConfig.parse(target?.config);
    expect(config).toMatchObject({
      projectNumber: N,
      poolId: POOL,
      providerId: PROVIDER,
      issuerUri: "https://token.actions.githubusercontent.com",
      attributeCondition: "assertion.repository_owner == 'acme'",
      serviceAccountEmail: deployer,
    });
    expect(target?.externalId).toBe(gcpProviderIdentity(config).externalId);
    expect(target?.externalId).toBe(
      `//iam.googleapis.com/projects/${N}/locations/global/workloadIdentityPools/${POOL}/providers/${PROVIDER}`,
    );

    const specs = (target?.bindings ?? []).map((b) => ZGcpBindingSpec.parse(b.spec));
    expect(specs.map((s) => [s.memberKind, s.role, s.member]).sort()).toEqual(
      [
        ["attribute", WIU, members.attribute],
        ["pool", WIU, members.everyone],
        ["subject", "roles/iam.serviceAccountTokenCreator", members.tokenCreator],
        ["subject", WIU, members.subject],
      ].sort(),
    );
    expect(specs.find((s) => s.memberKind === "attribute")).toMatchObject({
      attributeName: "repository",
      attributeValue: "acme/app",
    });
    for (const binding of target?.bindings ?? []) {
      expect(binding.key).toBe(gcpAdapter.bindingKey(binding.spec));
    }
    expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);

    const foreign = (target?.foreign ?? []).map((f) => f.description);
    expect(foreign).toHaveLength(2);
    expect(
      foreign.some((d) => d.startsWith("A conditional grant") && d.includes(members.conditional)),
    ).toBe(true);
    expect(foreign.some((d) => d.includes("another pool") && d.includes(members.otherPool))).toBe(
      true,
    );

    expect(result.errors.map((e) => [e.error.code, e.object])).toEqual([
      [
        "UnsupportedProvider",
        `projects/${N}/locations/global/workloadIdentityPools/${POOL}/providers/aws-accounts`,
      ],
    ]);
    expect(progress.at(-1)).toBe(3);
  });

  it("asks for policy version 3 and follows pool pages", async () => {
    seedEstate(fx.emulator.state);
    await gcpAdapter.discover(fx.connection);
    const policyReads = fx.emulator.requests.filter((r) => r.path.endsWith(":getIamPolicy"));
    expect(policyReads).toHaveLength(3);
    for (const read of policyReads) {
      expect(new URLSearchParams(read.query).get("options.requestedPolicyVersion")).toBe("3");
    }
    // 3 active pools, 2 per page.
    const poolPages = fx.emulator.requests.filter((r) => r.path.endsWith("/workloadIdentityPools"));
    expect(poolPages).toHaveLength(2);
  });

  it("gives the same binding names on a second import", async () => {
    seedEstate(fx.emulator.state);
    const first = await gcpAdapter.discover(fx.connection);
    const second = await gcpAdapter.discover(fx.connection);
    const names = (r: typeof first) =>
      r.targets.flatMap((t) => t.bindings.map((b) => (b.spec as { name: string }).name));
    expect(names(second)).toEqual(names(first));
  });

  it("records a policy it could not read and goes on", async () => {
    seedEstate(fx.emulator.state);
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: "builder@" });
    const result = await gcpAdapter.discover(fx.connection);
    expect(result.targets).toHaveLength(1);
    const denied = result.errors.find((e) => e.object.startsWith("builder@"));
    expect(denied?.error).toMatchObject({ kind: "denied", code: "PERMISSION_DENIED", status: 403 });
    expect(denied?.error.message).toContain("iam.serviceAccounts.getIamPolicy");
  });
});
