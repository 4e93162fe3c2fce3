import type {
  ActualBinding,
  ActualTarget,
  ChangeDescription,
  PlannedChange,
} from "@/lib/clouds/adapter-types";
import type { BindingContext } from "@/lib/clouds/types";
import { diffValues } from "@/lib/sync/drift/field-diff";
import type {
  LeftAlone,
  PlanBinding,
  PlannedOperation,
  PlanTargetInput,
  PlanTools,
  TargetPlan,
} from "@/lib/sync/plan/plan-types";

// The plan of one target (SECURITY.md 4.1): the catalogue's bindings against
// what the cloud holds, decided without any I/O. Fedlens changes only what it
// owns: a binding whose object the cloud holds but Fedlens did not create or
// import is reported ("import it first"), never overwritten; a cloud object
// no binding describes is deleted only when an owned binding's tombstone
// names it, otherwise left alone. A failed read plans nothing (a read that
// failed is "unknown", never "absent").

const targetReasons = {
  "no-connection": "The target has no cloud connection, so Fedlens cannot read or write it.",
  missing: "The target itself is not in the cloud (deleted, or outside the connection's scope).",
  unreadable: "Fedlens could not read the target, so it plans nothing for it.",
} as const;

const notBuilt = "Write support for this cloud is not built yet: the change is shown, not sent.";
const notOwned =
  "The cloud holds this object, but Fedlens did not create or import it: import it first, or take ownership on the binding's page.";
const refusedByFindings =
  "The cloud would refuse this change (see the errors); it will not be sent.";

const createdTarget =
  "The target is not in the cloud yet: the first change creates it as the catalogue describes it.";

export function planTarget(input: PlanTargetInput, tools: PlanTools): TargetPlan {
  const { read } = input;
  const creates =
    read.state === "missing" &&
    input.bindings.length > 0 &&
    (tools.createsMissingTarget?.(input.ref) ?? false);
  if (read.state !== "found" && !creates) {
    return {
      targetId: input.targetId,
      read: read.state,
      reason: targetReasons[read.state],
      error: read.state === "unreadable" ? read.error : null,
      operations: [],
      leftAlone: [],
    };
  }
  // A missing target that its bindings' changes create holds nothing yet.
  const target: ActualTarget =
    read.state === "found"
      ? read.target
      : {
          kind: input.ref.kind,
          config: input.ref.config,
          externalId: input.ref.externalId,
          displayName: "",
          bindings: [],
        };
  const actual = new Map(target.bindings.map((object) => [object.key, object]));
  const desiredKeys = new Set(input.bindings.map((binding) => binding.desired.key));
  const deletions = input.tombstones.filter(
    (tombstone) => !desiredKeys.has(tombstone.key) && actual.has(tombstone.key),
  );
  const deletedKeys = new Set(deletions.map((tombstone) => tombstone.key));
  const kept = target.bindings.filter(
    (object) => !desiredKeys.has(object.key) && !deletedKeys.has(object.key),
  );
  const finalState = [
    ...input.bindings.map(({ id, name, desired }) => ({ id, name, spec: desired.spec })),
    ...kept.map((object) => ({
      id: `cloud:${object.key}`,
      name: siblingName(object),
      spec: object.spec,
    })),
  ];
  const describe = describer(input, tools);
  const operations: PlannedOperation[] = [
    ...input.bindings.map((binding) =>
      planBinding(binding, actual.get(binding.desired.key), finalState, tools, describe, creates),
    ),
    ...deletions.map((tombstone) => {
      const object = actual.get(tombstone.key) as ActualBinding;
      return withDescription(describe, {
        bindingId: null,
        key: tombstone.key,
        name: tombstone.name,
        op: "delete",
        status: "pending",
        reason: null,
        change: { op: "delete", key: tombstone.key, actual: object },
        before: object.cloudObject,
        after: null,
        differences: [],
        call: null,
        findings: { errors: [], warnings: [] },
      });
    }),
  ];
  return {
    targetId: input.targetId,
    read: read.state === "found" ? "found" : "missing",
    reason: creates ? createdTarget : null,
    error: null,
    operations,
    leftAlone: leftAlone(target, kept),
  };
}

function planBinding(
  binding: PlanBinding,
  object: ActualBinding | undefined,
  finalState: BindingContext["siblings"],
  tools: PlanTools,
  describe: (change: PlannedChange) => ChangeDescription | string,
  createsTarget = false,
): PlannedOperation {
  const { desired } = binding;
  const base = { bindingId: binding.id, key: desired.key, name: binding.name, call: null };
  const differences = object ? diffValues(object.cloudObject, desired.cloudObject) : [];
  if (object && differences.length === 0) {
    return {
      ...base,
      op: "no-op",
      status: "unchanged",
      reason: null,
      change: null,
      before: object.cloudObject,
      after: desired.cloudObject,
      differences,
      findings: { errors: [], warnings: [] },
    };
  }
  const change: PlannedChange = object
    ? { op: "update", key: desired.key, actual: object, desired }
    : { op: "create", key: desired.key, desired, ...(createsTarget ? { createsTarget } : {}) };
  const findings = tools.bindingFindings({
    ...binding.context,
    spec: desired.spec,
    siblings: finalState.filter((sibling) => sibling.id !== binding.id),
  });
  const operation: PlannedOperation = {
    ...base,
    op: change.op,
    status: "pending",
    reason: null,
    change,
    before: object ? object.cloudObject : null,
    after: desired.cloudObject,
    differences,
    findings,
  };
  if (object && !binding.owned) {
    return { ...operation, status: "skipped", reason: notOwned, change: null };
  }
  if (findings.errors.length > 0) {
    return { ...operation, status: "refused", reason: refusedByFindings, change: null };
  }
  return withDescription(describe, operation);
}

/** The writer's call and before/after; its absence is said, not thrown. */
function describer(input: PlanTargetInput, tools: PlanTools) {
  return (change: PlannedChange): ChangeDescription | string => {
    try {
      return tools.describeChange(input.ref, change);
    } catch {
      return notBuilt;
    }
  };
}

function withDescription(
  describe: (change: PlannedChange) => ChangeDescription | string,
  operation: PlannedOperation,
): PlannedOperation {
  if (!operation.change) return operation;
  const description = describe(operation.change);
  if (typeof description === "string") return { ...operation, reason: description };
  return {
    ...operation,
    call: description.call,
    before: description.before,
    after: description.after,
  };
}

function leftAlone(target: ActualTarget, kept: ActualBinding[]): LeftAlone[] {
  return [
    ...kept.map((object) => ({
      key: object.key,
      description: "Not Fedlens's (no catalogue binding, not created by Fedlens): left alone.",
      cloudObject: object.cloudObject,
    })),
    ...(target.foreign ?? []).map((object) => ({
      ...object,
      description: `${object.description} Not Fedlens's: left alone.`,
    })),
  ];
}

/** The name a cloud object takes among siblings: the FIC name, the statement Sid, the grant's label. */
function siblingName(object: ActualBinding): string {
  const spec = object.spec as { name?: unknown; sid?: unknown } | null;
  if (typeof spec?.name === "string") return spec.name;
  if (typeof spec?.sid === "string") return spec.sid;
  return object.key;
}
