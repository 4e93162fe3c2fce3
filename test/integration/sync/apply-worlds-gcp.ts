// The GCP world of the apply tests: a provider and a service account whose
// policy holds grants Fedlens does not own.
import { getTarget } from "@/lib/catalog/targets/get-target";
import { updateTarget } from "@/lib/catalog/targets/update-target";
import { principalForSubject } from "@/lib/clouds/gcp/principals";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";
import type { PolicyBinding } from "@/test/emulators/gcp/state";
import { createServiceAccountKey } from "@/test/emulators/gcp/service-account-key";
import { createTestBinding, gcpSpec, uniqueSuffix } from "@/test/factories/catalog";
import { GITHUB } from "@/test/integration/clouds/aws/aws-adapter-fixture";
import { PROJECT, READER } from "@/test/integration/clouds/gcp/support";
import { gcpConnection, WIU } from "./drift-worlds";
import { addConnection, addTarget, caller } from "./sync-support";

import { githubWorkload, type ApplyWorld } from "./apply-worlds";

export type GcpApplyWorld = ApplyWorld & { emulator(): GcpEmulator; serviceAccount(): string };

/**
 * A provider and a service account whose policy holds a user's and a
 * group's grants and a conditional grant to the pool: none is Fedlens's.
 */
export function gcpApplyWorld(): GcpApplyWorld {
  let emulator: GcpEmulator;
  let keyJson = "";
  let poolId = "";
  let deployer = "";
  let targetId = "";
  let seeded: PolicyBinding[] = [];
  const N = PROJECT.projectNumber;
  const providerName = () =>
    `projects/${N}/locations/global/workloadIdentityPools/${poolId}/providers/gh-actions`;
  const policy = () => emulator.state.policies.get(deployer)?.bindings ?? [];
  const seededMembers = () => new Set(seeded.flatMap((b) => b.members));
  return {
    name: "GCP provider",
    skip: false,
    emulator: () => emulator,
    serviceAccount: () => deployer,
    async start() {
      emulator = await startGcpEmulator({ projects: [PROJECT] });
      keyJson = createServiceAccountKey(emulator, READER);
    },
    stop: () => emulator.close(),
    async setUp(admin) {
      emulator.faults.clear();
      const suffix = uniqueSuffix();
      poolId = `pool-${suffix}`;
      emulator.state.seedPool(N, poolId);
      const config = {
        attributeMapping: { "google.subject": "assertion.sub" },
        attributeCondition: "assertion.repository_owner == 'acme'",
      };
      emulator.state.seedProvider(N, poolId, "gh-actions", {
        ...config,
        oidc: { issuerUri: GITHUB, allowedAudiences: [] },
      });
      deployer = emulator.state.seedServiceAccount(PROJECT.projectId, `deploy-${suffix}`);
      const pool = { projectNumber: N, poolId };
      seeded = [
        { role: WIU, members: ["user:alice@example.com"] },
        { role: "roles/iam.serviceAccountTokenCreator", members: ["group:ops@example.com"] },
        {
          role: WIU,
          members: [principalForSubject(pool, "repo:acme/night:ref:refs/heads/main")],
          condition: {
            expression: "request.time < timestamp('2030-01-01T00:00:00Z')",
            title: "until 2030",
          },
        },
      ];
      emulator.state.setPolicy(deployer, structuredClone(seeded), 3);
      const connection = await addConnection(admin, gcpConnection(emulator, keyJson));
      const target = await addTarget(
        admin,
        "gcp-provider",
        {
          projectNumber: N,
          poolId,
          providerId: "gh-actions",
          issuerUri: GITHUB,
          allowedAudiences: [],
          ...config,
          disabled: false,
          serviceAccountEmail: deployer,
        },
        connection.id,
      );
      targetId = target.id;
      return targetId;
    },
    async addBinding() {
      const workload = await githubWorkload();
      const spec = gcpSpec({
        name: `grant-${uniqueSuffix()}`,
        serviceAccountEmail: deployer,
        memberKind: "subject",
      });
      return createTestBinding({ workload, target: { id: targetId }, spec });
    },
    async objectOf(binding) {
      const member = binding.spec.member as string;
      const granted = policy().some(
        (b) => b.role === WIU && !b.condition && b.members.includes(member),
      );
      if (!granted) return null;
      const provider = emulator.state.providers.get(providerName());
      return { role: WIU, member, attributeCondition: provider?.attributeCondition };
    },
    // A grant is all key (account, role, member); what an owned grant's
    // update changes is its provider's trust settings.
    async edit(admin) {
      const target = await getTarget({ id: targetId });
      const attributeCondition = "assertion.repository_owner == 'acme-edited'";
      await updateTarget({
        ...caller(admin),
        id: targetId,
        expectedVersion: target.version,
        input: { config: { ...target.config, attributeCondition } },
      });
      return { attributeCondition };
    },
    async copies(binding) {
      const member = binding.spec.member as string;
      return policy()
        .flatMap((b) => b.members)
        .filter((m) => m === member).length;
    },
    async foreign() {
      // Fedlens's members dropped, the rest exactly as IAM holds it.
      const others = seededMembers();
      return policy()
        .map((b) => ({ ...b, members: b.members.filter((m) => others.has(m)) }))
        .filter((b) => b.members.length > 0);
    },
    writes: () =>
      emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith(":setIamPolicy"))
        .length +
      emulator.requests.filter((r) => r.method === "PATCH" && r.path.includes("/providers/"))
        .length,
  };
}
