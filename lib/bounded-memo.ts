/** Answers remembered by key; `compute` runs only for a key not remembered. */
export type BoundedMemo<T> = (key: string, compute: () => T) => T;

/**
 * Remembers up to `limit` answers of pure work, and starts afresh when full.
 * For work repeated on the same inputs (a CEL expression shared by many
 * providers, the times of many predicted tokens) where the caller cannot
 * hold the result itself. Answers are shared: callers must not change them.
 */
export function boundedMemo<T>(limit: number): BoundedMemo<T> {
  const remembered = new Map<string, T>();
  return (key, compute) => {
    if (remembered.has(key)) return remembered.get(key) as T;
    const value = compute();
    // Not oldest-first: a Map's first key is slow to find after many
    // deletions, and a mostly-missing cache (one member per binding) would
    // pay that on every call.
    if (remembered.size >= limit) remembered.clear();
    remembered.set(key, value);
    return value;
  };
}
