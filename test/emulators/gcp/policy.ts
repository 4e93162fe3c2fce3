import { createHash } from "node:crypto";
import { fail } from "./google-errors";
import type { PolicyBinding, StoredPolicy } from "./state";

// IAM policies as getIamPolicy returns them and setIamPolicy accepts them.
// https://cloud.google.com/iam/docs/reference/rest/v1/Policy
// https://cloud.google.com/iam/docs/policies#versions

const VALID_VERSIONS = new Set([0, 1, 3]);

/** options.requestedPolicyVersion: 0, 1 or 3; anything else is refused. */
export function requestedVersion(url: URL): number {
  const text = url.searchParams.get("options.requestedPolicyVersion");
  const version = text === null ? 0 : Number(text);
  if (!VALID_VERSIONS.has(version)) {
    fail(400, "INVALID_ARGUMENT", `Invalid requested policy version: ${text}.`);
  }
  return version;
}

/**
 * The policy as a caller asking for `version` sees it. An empty policy is
 * just its etag ("ACAB"). Below version 3, a conditional binding's role is
 * suffixed with _withcond_ and a hash and its condition left out.
 */
export function policyView(policy: StoredPolicy | undefined, version: number) {
  if (!policy || policy.bindings.length === 0) return { etag: policy?.etag ?? "ACAB" };
  const conditional = policy.bindings.some((b) => b.condition);
  const bindings =
    conditional && version < 3
      ? policy.bindings.map(({ condition, ...binding }) =>
          condition
            ? { ...binding, role: `${binding.role}_withcond_${hashOf(condition)}` }
            : binding,
        )
      : policy.bindings;
  return { version: conditional && version === 3 ? 3 : 1, etag: policy.etag, bindings };
}

function hashOf(condition: unknown): string {
  return createHash("sha256").update(JSON.stringify(condition)).digest("hex").slice(0, 20);
}

// https://cloud.google.com/iam/docs/principal-identifiers
const MEMBER =
  /^(?:allUsers|allAuthenticatedUsers|(?:user|serviceAccount|group|domain|deleted:user|deleted:serviceAccount|deleted:group):.+|principal:\/\/.+|principalSet:\/\/.+)$/;
const ROLE = /^(?:roles|projects\/[a-z0-9-]+\/roles|organizations\/\d+\/roles)\/[A-Za-z0-9_.]+$/;

/** Checks a policy a caller sends to setIamPolicy; returns the bindings to keep. */
export function checkNewPolicy(policy: Record<string, unknown>): PolicyBinding[] {
  const bindings = (policy.bindings ?? []) as PolicyBinding[];
  if (!Array.isArray(bindings)) fail(400, "INVALID_ARGUMENT", "bindings must be a list.");
  for (const binding of bindings) {
    if (typeof binding.role !== "string" || !ROLE.test(binding.role)) {
      fail(
        400,
        "INVALID_ARGUMENT",
        `Role ${String(binding.role)} is not supported for this resource.`,
      );
    }
    const bad = (binding.members ?? []).find((member) => !MEMBER.test(member));
    if (bad !== undefined) fail(400, "INVALID_ARGUMENT", `Invalid principal: ${bad}.`);
  }
  // A policy with conditions must say version 3, or conditions would be lost.
  if (bindings.some((b) => b.condition) && policy.version !== 3) {
    fail(
      400,
      "INVALID_ARGUMENT",
      "Policies with conditional role bindings must have policy version 3.",
    );
  }
  return bindings;
}
