/** Answers remembered by key; `compute` runs only for a key not remembered. */
export type BoundedMemo<T> = (key: string, compute: () => T) => T;

/**
 * Remembers up to `limit` answers of pure work, forgetting the oldest first
 * when full. For work repeated on the same inputs (a CEL expression shared by
 * many providers, the times of many predicted tokens) where the caller cannot
 * hold the result itself. Answers are shared: callers must not change them.
 */
export function boundedMemo<T>(limit: number): BoundedMemo<T> {
  const remembered = new Map<string, T>();
  return (key, compute) => {
    if (remembered.has(key)) return remembered.get(key) as T;
    const value = compute();
    if (remembered.size >= limit) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) remembered.delete(oldest);
    }
    remembered.set(key, value);
    return value;
  };
}
