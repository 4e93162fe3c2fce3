import type { Findings } from "@/lib/catalog/findings";
import type {
  CatalogTargetRef,
  ChangeDescription,
  CloudError,
  DesiredBinding,
  PlannedChange,
  TargetRead,
} from "@/lib/clouds/adapter-types";
import type { BindingContext } from "@/lib/clouds/types";
import type { FieldDifference } from "@/lib/sync/drift/field-diff";

// The shapes a plan is made of: what planTarget takes (the catalogue's
// desired state, its tombstones and the cloud's read) and what it returns.

/** One catalogue binding as the plan sees it. */
export type PlanBinding = {
  id: string;
  name: string;
  /** Created or imported by Fedlens: only then may its cloud object be changed. */
  owned: boolean;
  desired: DesiredBinding;
  /** The catalogue's context of the binding; the plan supplies the siblings. */
  context: Omit<BindingContext, "siblings">;
};

/** An owned binding deleted in the catalogue whose cloud object may still exist. */
export type PlanTombstone = { key: string; name: string; spec: unknown };

export type PlanRead = TargetRead | { state: "no-connection" };

export type PlanTargetInput = {
  targetId: string;
  ref: CatalogTargetRef;
  bindings: PlanBinding[];
  tombstones: PlanTombstone[];
  read: PlanRead;
};

/** The cloud-specific parts the plan calls, passed in so the plan stays pure. */
export type PlanTools = {
  bindingFindings(context: BindingContext): Findings;
  /** The writer's description of a change; may throw while a cloud's writer is not built. */
  describeChange(ref: CatalogTargetRef, change: PlannedChange): ChangeDescription;
  /** Whether the cloud's writer creates a missing target with its bindings' first change. */
  createsMissingTarget?(ref: CatalogTargetRef): boolean;
};

export type PlanOp = "create" | "update" | "delete" | "no-op";
export type PlanOperationStatus = "pending" | "unchanged" | "refused" | "skipped";

export type PlannedOperation = {
  bindingId: string | null;
  key: string;
  name: string;
  op: PlanOp;
  status: PlanOperationStatus;
  /** Why it is refused or skipped, or what the operator should know, in plain words. */
  reason: string | null;
  /** What apply hands to the cloud's writer; null when nothing is to be written. */
  change: PlannedChange | null;
  before: unknown;
  after: unknown;
  differences: FieldDifference[];
  /** The cloud call apply would make, when the cloud's writer can say. */
  call: string | null;
  findings: Findings;
};

/** A cloud object the plan will not touch, and why. */
export type LeftAlone = { key: string; description: string; cloudObject: unknown };

export type TargetPlan = {
  targetId: string;
  read: PlanRead["state"];
  /** Why nothing is planned for the target (missing, unreadable, no connection). */
  reason: string | null;
  error: CloudError | null;
  operations: PlannedOperation[];
  leftAlone: LeftAlone[];
};
