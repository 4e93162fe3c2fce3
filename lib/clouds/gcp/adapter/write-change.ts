import { isDeepStrictEqual } from "node:util";
import {
  CloudCallError,
  type CatalogTargetRef,
  type ChangeDescription,
  type PlannedChange,
} from "@/lib/clouds/adapter-types";
import { ZGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import type { ProviderResource } from "@/lib/clouds/gcp/adapter/actual-target";
import { providerPatch } from "@/lib/clouds/gcp/adapter/write-provider-fields";
import {
  roleMembers,
  type PolicyEdit,
  type WritablePolicy,
} from "@/lib/clouds/gcp/adapter/write-policy";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { guardPlannedWrite } from "@/lib/clouds/write-guard";

// What one planned change does to IAM policies, as pure data: per service
// account, the members to add and remove. A create adds the binding's member,
// a delete removes it, an update removes the old member and adds the new one
// in one write (two when the service account itself changed: the new grant
// first, so the workload is never left without one).
// https://cloud.google.com/iam/docs/principal-identifiers (member)

export type AccountEdits = { email: string; edits: PolicyEdit[] };
type Grant = { email: string; role: string; member: string };

function grantOf(spec: unknown): Grant {
  const parsed = ZGcpBindingSpec.safeParse(spec);
  const member = parsed.success ? parsed.data.member : undefined;
  if (!parsed.success || !member) {
    throw new CloudCallError({
      kind: "invalid",
      code: "InvalidBinding",
      message: "The binding has no IAM member to grant.",
      cause: "The binding's settings in Fedlens do not name a principal of the pool.",
      fix: "Edit the binding and save it again, then plan again.",
    });
  }
  // IAM holds service-account emails in lower case.
  return { email: parsed.data.serviceAccountEmail.toLowerCase(), role: parsed.data.role, member };
}

const edit = (op: PolicyEdit["op"], grant: Grant): PolicyEdit => ({
  op,
  role: grant.role,
  member: grant.member,
});

export function changeEdits(change: PlannedChange): AccountEdits[] {
  if (change.op === "create") {
    const grant = grantOf(change.desired.spec);
    return [{ email: grant.email, edits: [edit("add", grant)] }];
  }
  if (change.op === "delete") {
    const grant = grantOf(change.actual.spec);
    return [{ email: grant.email, edits: [edit("remove", grant)] }];
  }
  const before = grantOf(change.actual.spec);
  const after = grantOf(change.desired.spec);
  if (before.email !== after.email) {
    return [
      { email: after.email, edits: [edit("add", after)] },
      { email: before.email, edits: [edit("remove", before)] },
    ];
  }
  const same = before.role === after.role && before.member === after.member;
  return [
    {
      email: after.email,
      edits: same ? [edit("add", after)] : [edit("remove", before), edit("add", after)],
    },
  ];
}

/** The members the catalogue grants a role on an account, other than `except`. */
function catalogueMembers(target: CatalogTargetRef, email: string, role: string, except: string[]) {
  return target.bindings.flatMap(({ spec }) => {
    const parsed = ZGcpBindingSpec.safeParse(spec);
    if (!parsed.success || !parsed.data.member) return [];
    const { serviceAccountEmail, role: bound, member } = parsed.data;
    const same = serviceAccountEmail.toLowerCase() === email && bound === role;
    return same && !except.includes(member) ? [member] : [];
  });
}

function sentence({ email, edits }: AccountEdits): string {
  const parts = edits.map((e) =>
    e.op === "add"
      ? `add member ${e.member} to ${e.role}`
      : `remove member ${e.member} from ${e.role}`,
  );
  return `setIamPolicy on service account ${email}: ${parts.join(", then ")}`;
}

/**
 * The calls in plain words, and the role's members as the catalogue manages
 * them before and after (members Fedlens does not manage and conditional
 * bindings are kept as they are, and are not listed).
 */
const providerFields = (cloudObject: unknown) => {
  const { serviceAccountIamPolicy: _policy, ...provider } = (cloudObject ?? {}) as Record<
    string,
    unknown
  >;
  return provider;
};

/** An update the plan made because the provider's settings differ from the catalogue's. */
export function providerDiffers(change: PlannedChange): boolean {
  if (change.op !== "update") return false;
  const [actual, desired] = [change.actual.cloudObject, change.desired.cloudObject];
  return !isDeepStrictEqual(providerFields(actual), providerFields(desired));
}

export function describeGcpChange(
  target: CatalogTargetRef,
  change: PlannedChange,
): ChangeDescription {
  const accounts = changeEdits(change);
  const touched = accounts.flatMap(({ edits }) => edits.map((e) => e.member));
  const view = (email: string, role: string, own: string[]) => ({
    serviceAccount: email,
    role,
    members: [...new Set([...catalogueMembers(target, email, role, touched), ...own])].sort(),
  });
  const removed = change.op === "create" ? null : grantOf(change.actual.spec);
  const added = change.op === "delete" ? null : grantOf(change.desired.spec);
  // A create shows the role before it, a delete the role after it.
  const beforeAt = (removed ?? added) as Grant;
  const afterAt = (added ?? removed) as Grant;
  // The apply patches the provider first when only its settings differ (writer.ts).
  const patch =
    change.op === "create" && change.createsTarget
      ? "workloadIdentityPoolProviders.create of the provider, missing in the cloud, as the catalogue describes it; "
      : providerDiffers(change)
        ? "workloadIdentityPoolProviders.patch of the provider's mapping, condition and audiences; "
        : "";
  return {
    call: `${patch}${accounts.map(sentence).join("; ")} (other members and conditional bindings are kept).`,
    before: view(beforeAt.email, beforeAt.role, removed ? [removed.member] : []),
    after: view(afterAt.email, afterAt.role, added ? [added.member] : []),
  };
}

/** The provider settings the plan saw, in the catalogue's terms (its cloud object holds them). */
export function plannedProviderConfig(
  config: TGcpProviderConfig,
  change: PlannedChange,
): TGcpProviderConfig | null {
  if (change.op === "create") return null;
  const seen = change.actual.cloudObject as Partial<TGcpProviderConfig>;
  return {
    ...config,
    attributeMapping: seen.attributeMapping ?? {},
    attributeCondition: seen.attributeCondition ?? null,
    allowedAudiences: seen.allowedAudiences ?? [],
  };
}

/**
 * The provider may be patched only while it holds what the plan saw; a
 * create (the plan saw none) never patches one someone else made.
 */
export function providerGuard(config: TGcpProviderConfig, change: PlannedChange, name: string) {
  const planned = plannedProviderConfig(config, change);
  return (current: ProviderResource) => {
    guardPlannedWrite(
      change,
      {
        current,
        isDone: false,
        isPlanned: (read) => planned !== null && providerPatch(read, planned) === null,
      },
      name,
    );
  };
}

/**
 * An update that moves a grant within one account revokes the old member:
 * only while it is still there (else someone revoked it since the plan), or
 * nothing is written when the new member already replaced it.
 */
export function grantGuard(change: PlannedChange, object: string) {
  if (change.op !== "update") return undefined;
  const [before, after] = [grantOf(change.actual.spec), grantOf(change.desired.spec)];
  if (before.email !== after.email) return undefined;
  if (before.role === after.role && before.member === after.member) return undefined;
  return (policy: WritablePolicy) => {
    const holds = (grant: Grant) => roleMembers(policy, grant.role).includes(grant.member);
    guardPlannedWrite(
      change,
      { current: policy, isDone: holds(after) && !holds(before), isPlanned: () => holds(before) },
      object,
    );
  };
}
