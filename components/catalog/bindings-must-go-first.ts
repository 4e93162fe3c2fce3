/** Why a workload or target with bindings cannot be deleted yet. */
export function bindingsMustGoFirst(count: number): string | undefined {
  return count > 0 ? `Its ${count} binding${count === 1 ? "" : "s"} must go first.` : undefined;
}
