import { CloudCallError, type CloudError, type PlannedChange } from "@/lib/clouds/adapter-types";

// The rule every writer applies between its re-read and its write
// (SECURITY.md 4: Fedlens never changes or deletes what it does not own). The
// plan was approved for the object the cloud held then; if someone changed it
// in the cloud since, writing would overwrite (or delete) their work, so the
// write is refused and the operator plans again. Already holding the planned
// result is not a conflict: it is a re-run (or an interrupted step, which
// apply records as applied) and nothing is written.

export type CloudNow<T> = {
  /** The object under the change's key as the cloud holds it now; null when absent. */
  current: T | null;
  /** Whether `current` is what the change leads to (absent, for a delete). */
  isDone: boolean;
  /** Whether `current` (not null) is the object the plan saw. */
  isPlanned: (current: T) => boolean;
};

export type GuardVerdict = "write" | "done";

export function changedInCloud(object: string | undefined, op: PlannedChange["op"]): CloudError {
  const what =
    op === "create"
      ? "An object with the same name already exists in the cloud and differs from the one Fedlens would create."
      : op === "delete"
        ? "The object Fedlens would delete differs from the one the plan saw."
        : "The object Fedlens would update differs from the one the plan saw (or is gone).";
  return {
    kind: "conflict",
    code: "FedlensChangedInCloud",
    message: what,
    cause:
      "It was changed in the cloud since the plan, so Fedlens left it alone rather than overwrite someone else's change.",
    fix: "Plan again to see the cloud as it is now, check the difference, then apply that plan.",
    ...(object ? { object } : {}),
  };
}

/**
 * "write" when the cloud still holds what the plan saw (nothing, for a
 * create), "done" when it already holds the change's result; anything else
 * throws a conflict CloudCallError.
 */
export function guardPlannedWrite<T>(
  change: PlannedChange,
  now: CloudNow<T>,
  object?: string,
): GuardVerdict {
  if (now.isDone) return "done";
  const { current } = now;
  const matchesPlan =
    change.op === "create" ? current === null : current !== null && now.isPlanned(current);
  if (matchesPlan) return "write";
  throw new CloudCallError(changedInCloud(object, change.op));
}
