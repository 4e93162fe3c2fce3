import { expect } from "vitest";
import {
  CloudCallError,
  type CatalogTargetRef,
  type PlannedChange,
} from "@/lib/clouds/adapter-types";
import { grantKey } from "@/lib/clouds/gcp/adapter/grants";
import type { TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { principalForSubject } from "@/lib/clouds/gcp/principals";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import type { GcpEmulator } from "@/test/emulators/gcp/server";
import { N, POOL, PROVIDER, WIU } from "./estate";
import { PROJECT } from "./support";

// Changes as the plan hands them to the writer, and what the emulator saw.

export const target: CatalogTargetRef = {
  kind: "gcp-provider",
  config: ZGcpProviderConfig.parse({
    projectNumber: N,
    poolId: POOL,
    providerId: PROVIDER,
    issuerUri: "https://token.actions.githubusercontent.com",
    attributeMapping: { "google.subject": "assertion.sub" },
  }),
  externalId: `//iam.googleapis.com/projects/${N}/locations/global/workloadIdentityPools/${POOL}/providers/${PROVIDER}`,
  bindings: [],
};

export const emailOf = (accountId: string) =>
  `${accountId}@${PROJECT.projectId}.iam.gserviceaccount.com`;

/** A subject binding on `accountId` (default: the estate's deployer). */
export function subjectSpec(subject: string, accountId = "deployer"): TGcpBindingSpec {
  return {
    cloud: "gcp",
    name: subject.replace(/[^a-z0-9]+/g, "-").slice(0, 60),
    serviceAccountEmail: emailOf(accountId),
    role: WIU,
    memberKind: "subject",
    member: principalForSubject({ projectNumber: N, poolId: POOL }, subject),
  };
}

const binding = (spec: TGcpBindingSpec) => ({ key: grantKey(spec), spec, cloudObject: {} });
export const create = (spec: TGcpBindingSpec): PlannedChange => ({
  op: "create",
  key: grantKey(spec),
  desired: binding(spec),
});
export const remove = (spec: TGcpBindingSpec): PlannedChange => ({
  op: "delete",
  key: grantKey(spec),
  actual: binding(spec),
});
export const update = (from: TGcpBindingSpec, to: TGcpBindingSpec): PlannedChange => ({
  op: "update",
  key: grantKey(to),
  actual: binding(from),
  desired: binding(to),
});

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

export function policyCalls(emulator: GcpEmulator, accountId = "deployer") {
  return emulator.requests
    .filter((r) => r.path.includes(`/serviceAccounts/${emailOf(accountId)}:`))
    .map((r) => (r.path.endsWith(":setIamPolicy") ? "set" : "get"));
}

/** The members of the role's unconditional binding, as the emulator holds them. */
export function unconditionalMembers(emulator: GcpEmulator, accountId = "deployer", role = WIU) {
  const policy = emulator.state.policies.get(emailOf(accountId));
  return (policy?.bindings ?? [])
    .filter((b) => b.role === role && !b.condition)
    .flatMap((b) => b.members);
}

/** The CloudError a write was refused with (the test fails if it was not refused). */
export async function cloudFailure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CloudCallError);
  return (error as CloudCallError).cloudError;
}
