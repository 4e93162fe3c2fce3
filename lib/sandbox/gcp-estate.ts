import "server-only";
import type { TGcpConnectionScope } from "@/lib/clouds/gcp/connection-scope";
import { principalForSubject } from "@/lib/clouds/gcp/principals";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import type { EstateTarget } from "@/lib/sandbox/demo-estate";
import type { GcpEmulator } from "@/test/emulators/gcp/server";
import type { PolicyBinding } from "@/test/emulators/gcp/state";

// The Sandbox GCP project: the demo's pools and providers with their
// settings, the service accounts the demo grants and each one's policy with
// the members the catalogue shows, then what the catalogue does not know (a
// service account granted to one repository's runs, offered for import) and
// what differs (a grant removed in the cloud: the binding is missing there).

type PolicyObject = { serviceAccount: string; role: string; members: string[] };

export const gcpUnmanaged = {
  accountId: "docs-publisher",
  pool: { projectPoolId: "github-pool" },
  subject: "repo:contoso/docs:ref:refs/heads/main",
};
/** A demo grant someone removed in the cloud. */
export const gcpDrifted = { target: "gcp-gitlab", binding: "mobile-app-main" };

function accountIdOf(email: string): string {
  return email.slice(0, email.indexOf("@"));
}

/** Members by service account and role, unioned across every demo binding. */
function catalogPolicies(estate: EstateTarget[]): Map<string, Map<string, Set<string>>> {
  const policies = new Map<string, Map<string, Set<string>>>();
  for (const target of estate) {
    if (target.kind !== "gcp-provider") continue;
    for (const binding of target.bindings) {
      const { serviceAccountIamPolicy: policy } = binding.cloudObject as {
        serviceAccountIamPolicy: PolicyObject;
      };
      const roles = policies.get(policy.serviceAccount) ?? new Map<string, Set<string>>();
      const members = roles.get(policy.role) ?? new Set<string>();
      for (const member of policy.members) members.add(member);
      roles.set(policy.role, members);
      policies.set(policy.serviceAccount, roles);
    }
  }
  const drifted = estate
    .find((target) => target.name === gcpDrifted.target)
    ?.bindings.find((binding) => binding.name === gcpDrifted.binding);
  if (drifted) {
    const { serviceAccountIamPolicy: policy } = drifted.cloudObject as {
      serviceAccountIamPolicy: PolicyObject;
    };
    const member = (drifted.spec as { member?: string }).member;
    if (member) policies.get(policy.serviceAccount)?.get(policy.role)?.delete(member);
  }
  return policies;
}

function seedProvider(emulator: GcpEmulator, config: TGcpProviderConfig): void {
  const { projectNumber, poolId, providerId } = config;
  emulator.state.seedPool(projectNumber, poolId, { disabled: config.poolDisabled ?? false });
  emulator.state.seedProvider(projectNumber, poolId, providerId, {
    ...(config.displayName ? { displayName: config.displayName } : {}),
    attributeMapping: config.attributeMapping,
    ...(config.attributeCondition ? { attributeCondition: config.attributeCondition } : {}),
    oidc: { issuerUri: config.issuerUri, allowedAudiences: config.allowedAudiences },
    disabled: config.disabled,
  });
}

export function seedGcpSandbox(
  emulator: GcpEmulator,
  estate: EstateTarget[],
  scope: TGcpConnectionScope,
): void {
  const { projectId, projectNumber } = scope;
  emulator.state.addProject({ projectId, projectNumber, displayName: "Sandbox project" });
  const accounts = new Set<string>();
  for (const target of estate) {
    if (target.kind !== "gcp-provider") continue;
    const config = target.config as TGcpProviderConfig;
    if (config.projectNumber !== projectNumber) continue;
    seedProvider(emulator, config);
    if (config.serviceAccountEmail) accounts.add(config.serviceAccountEmail);
  }
  const policies = catalogPolicies(estate);
  for (const email of policies.keys()) accounts.add(email);
  for (const email of accounts) {
    if (!email.endsWith(`@${projectId}.iam.gserviceaccount.com`)) continue;
    emulator.state.seedServiceAccount(projectId, accountIdOf(email));
    const roles = policies.get(email);
    if (!roles) continue;
    const bindings: PolicyBinding[] = [...roles]
      .filter(([, members]) => members.size > 0)
      .map(([role, members]) => ({ role, members: [...members].sort() }));
    emulator.state.setPolicy(email, bindings);
  }
  const docs = emulator.state.seedServiceAccount(projectId, gcpUnmanaged.accountId);
  const pool = { projectNumber, poolId: gcpUnmanaged.pool.projectPoolId };
  emulator.state.setPolicy(docs, [
    {
      role: "roles/iam.workloadIdentityUser",
      members: [principalForSubject(pool, gcpUnmanaged.subject)],
    },
  ]);
}
