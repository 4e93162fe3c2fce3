/** Answers remembered by key; `compute` runs only for a key not remembered. */
export type BoundedMemo<T> = (key: string, compute: () => T) => T;

/**
 * Remembers up to `limit` answers of pure work, and starts afresh when full.
 * For work repeated on the same inputs (a CEL expression shared by many
 * providers, the times of many predicted tokens) where the caller cannot
 * hold the result itself. Answers are shared: callers must not change them.
 *
 * Keys come from outside (an evaluate request may carry 256 kB in one
 * field), so a key longer than `maxKeyLength` characters is computed and
 * not remembered: the memo's size is bounded, not only its count.
 */
export function boundedMemo<T>(
  limit: number,
  { maxKeyLength = 8192 }: { maxKeyLength?: number } = {},
): BoundedMemo<T> {
  const remembered = new Map<string, T>();
  return (key, compute) => {
    if (key.length > maxKeyLength) return compute();
    // One lookup for a remembered answer; `has` only tells a remembered undefined.
    const found = remembered.get(key);
    if (found !== undefined || remembered.has(key)) return found as T;
    const value = compute();
    // Not oldest-first: a Map's first key is slow to find after many
    // deletions, and a mostly-missing cache (one member per binding) would
    // pay that on every call.
    if (remembered.size >= limit) remembered.clear();
    remembered.set(key, value);
    return value;
  };
}
