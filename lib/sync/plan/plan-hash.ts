import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { PlanTargetInput } from "@/lib/sync/plan/plan-types";

// The fingerprint apply compares (SECURITY.md 4.1, plan then apply): SHA-256
// of the RFC 8785 canonical JSON of everything a plan was computed from —
// each target's desired bindings (with ownership), its tombstones and the
// cloud's read. Any change on either side changes the hash.

export function planHash(inputs: readonly PlanTargetInput[]): string {
  const material = [...inputs]
    .sort((a, b) => a.targetId.localeCompare(b.targetId))
    .map(({ targetId, bindings, tombstones, read }) => ({
      targetId,
      desired: bindings.map(({ id, owned, desired }) => ({ id, owned, ...desired })),
      tombstones,
      read,
    }));
  const canonical = canonicalize(material);
  if (canonical === undefined) throw new Error("plan inputs are not serialisable");
  return createHash("sha256").update(canonical).digest("hex");
}
