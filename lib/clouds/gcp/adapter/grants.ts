import { createHash } from "node:crypto";
import type { TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { parseMember, type PoolRef } from "@/lib/clouds/gcp/principals";

// One IAM grant on a service account (role + member, maybe a condition) and
// how it reads against one provider's pool.
// https://cloud.google.com/iam/docs/reference/rest/v1/Policy (bindings)
// https://cloud.google.com/iam/docs/principal-identifiers (members)

export type Grant = {
  serviceAccountEmail: string;
  role: string;
  member: string;
  condition?: { expression: string; title?: string };
};

export type GrantReading =
  | { kind: "binding"; spec: TGcpBindingSpec }
  | { kind: "foreign"; description: string; otherPool: boolean }
  /** Not a workload identity of any pool (a user, a group, a service account): not federation. */
  | { kind: "unrelated" };

/** The GCP identity of a grant: service account, role, member (the key drift and import match on). */
export function grantKey(grant: {
  serviceAccountEmail: string;
  role: string;
  member?: string;
}): string {
  // Service-account emails are lower case in IAM; a catalogue entry typed
  // with capitals is the same account.
  return `${grant.serviceAccountEmail.toLowerCase()} ${grant.role} ${grant.member ?? ""}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/**
 * A binding name for an imported grant: kind, a readable slug of the value and
 * a hash of the grant's identity, so the same grant always gets the same name
 * and two grants on one provider never share one (^[a-z0-9][a-z0-9_-]{0,62}$).
 */
export function grantBindingName(
  grant: Grant,
  memberKind: TGcpBindingSpec["memberKind"],
  value: string,
) {
  const hash = createHash("sha256").update(grantKey(grant)).digest("hex").slice(0, 8);
  return [memberKind, slug(value), hash].filter(Boolean).join("-");
}

const samePool = (a: PoolRef, b: PoolRef) =>
  a.projectNumber === b.projectNumber && a.poolId === b.poolId;

/** Reads a grant against a provider's pool: a binding Fedlens can express, foreign, or not federation at all. */
export function readGrant(grant: Grant, pool: PoolRef): GrantReading {
  const member = parseMember(grant.member);
  if (!member) return { kind: "unrelated" };
  const where = `${grant.role} on ${grant.serviceAccountEmail} for ${grant.member}`;
  if (!samePool(member, pool)) {
    return {
      kind: "foreign",
      description: `A grant to another pool's identities: ${where}.`,
      otherPool: true,
    };
  }
  if (grant.condition) {
    // The catalogue's binding has no IAM condition; importing it would drop the condition.
    return {
      kind: "foreign",
      description: `A conditional grant (${grant.condition.expression}): ${where}.`,
      otherPool: false,
    };
  }
  if (member.kind === "group") {
    return {
      kind: "foreign",
      description: `A grant to a group of the pool: ${where}.`,
      otherPool: false,
    };
  }
  const base = {
    cloud: "gcp" as const,
    serviceAccountEmail: grant.serviceAccountEmail,
    role: grant.role,
    member: grant.member,
  };
  if (member.kind === "subject") {
    const name = grantBindingName(grant, "subject", member.value);
    return { kind: "binding", spec: { ...base, name, memberKind: "subject" } };
  }
  if (member.kind === "attribute") {
    const name = grantBindingName(grant, "attribute", `${member.attribute}-${member.value}`);
    return {
      kind: "binding",
      spec: {
        ...base,
        name,
        memberKind: "attribute",
        attributeName: member.attribute,
        attributeValue: member.value,
      },
    };
  }
  const name = grantBindingName(grant, "pool", "all");
  return { kind: "binding", spec: { ...base, name, memberKind: "pool" } };
}
