import type { CloudError, TargetRead } from "@/lib/clouds/adapter-types";
import { diffValues, type FieldDifference } from "@/lib/sync/drift/field-diff";

// Drift of one target (SECURITY.md 4.5): the catalogue's bindings against
// what the cloud holds. Pure: the job reads, this decides, the job writes.
// Terraform's lesson (SECURITY.md 4.1): a failed read is "unknown", never
// "deleted"; only a read that succeeded and lacks the object says missing.

export type CatalogBindingForDrift = {
  id: string;
  spec: unknown;
  /** `cloudCatalog(cloud).cloudObject(context)` of the binding. */
  cloudObject: unknown;
};

export type BindingDriftState = "in-sync" | "drifted" | "missing" | "unknown";

/** What a binding's `drift` column holds after a check. */
export type BindingDriftDetail =
  | { kind: "diff"; differences: FieldDifference[] }
  | { kind: "missing"; reason: "target-missing" | "object-missing" }
  | { kind: "error"; error: CloudError };

export type BindingDrift = {
  bindingId: string;
  state: BindingDriftState;
  detail: BindingDriftDetail | null;
};

export type UnmanagedObject = { key: string; cloudObject: unknown };
export type ForeignObject = { key: string; description: string; cloudObject: unknown };

/** What the target's `drift` column holds after a check. */
export type TargetDriftDetail = {
  read: "found" | "missing" | "unreadable";
  error?: CloudError;
  /** The cloud's trust objects no catalogue binding matches (offered for import). */
  unmanaged: UnmanagedObject[];
  /** Trust objects no binding can express (another principal's statement…). */
  foreign: ForeignObject[];
};

export type TargetComparison = { target: TargetDriftDetail; bindings: BindingDrift[] };

export function compareTarget(
  catalogBindings: CatalogBindingForDrift[],
  read: TargetRead,
  bindingKey: (spec: unknown) => string,
): TargetComparison {
  if (read.state === "unreadable") {
    const detail = { kind: "error", error: read.error } as const;
    return {
      target: { read: "unreadable", error: read.error, unmanaged: [], foreign: [] },
      bindings: catalogBindings.map((binding) => ({
        bindingId: binding.id,
        state: "unknown",
        detail,
      })),
    };
  }
  if (read.state === "missing") {
    const detail = { kind: "missing", reason: "target-missing" } as const;
    return {
      target: { read: "missing", unmanaged: [], foreign: [] },
      bindings: catalogBindings.map((binding) => ({
        bindingId: binding.id,
        state: "missing",
        detail,
      })),
    };
  }
  const actual = new Map(read.target.bindings.map((object) => [object.key, object]));
  const matched = new Set<string>();
  const bindings = catalogBindings.map((binding): BindingDrift => {
    const key = bindingKey(binding.spec);
    const object = actual.get(key);
    if (!object) {
      return {
        bindingId: binding.id,
        state: "missing",
        detail: { kind: "missing", reason: "object-missing" },
      };
    }
    matched.add(key);
    const differences = diffValues(object.cloudObject, binding.cloudObject);
    return differences.length === 0
      ? { bindingId: binding.id, state: "in-sync", detail: null }
      : { bindingId: binding.id, state: "drifted", detail: { kind: "diff", differences } };
  });
  const unmanaged = read.target.bindings
    .filter((object) => !matched.has(object.key))
    .map(({ key, cloudObject }) => ({ key, cloudObject }));
  return {
    target: { read: "found", unmanaged, foreign: read.target.foreign ?? [] },
    bindings,
  };
}
