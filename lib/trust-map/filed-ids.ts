// Ids filed under keys, for the map's indexes where nearly every key holds
// one id: a workload's bindings, the bindings and the workloads of one
// subject, the bindings holding an edge to a workload not their own. The one
// id is kept as it is and a Set made only for a second: at 100k bindings
// these indexes held ~300k Sets of one entry, each a hash table of its own
// to allocate, fill and collect.
//
// Read through `filedAt`, never by spreading a value: a lone id is a string,
// and spreading a string gives its characters.

export type Filed = string | Set<string>;
export type FiledIds = Map<string, Filed>;

const none: readonly string[] = Object.freeze([]);

export function fileId(index: FiledIds, key: string, id: string): void {
  const held = index.get(key);
  if (held === undefined) index.set(key, id);
  else if (typeof held !== "string") held.add(id);
  // Not `new Set([held, id])`: building from an array walks its iterator.
  else if (held !== id) index.set(key, new Set<string>().add(held).add(id));
}

export function unfileId(index: FiledIds, key: string, id: string): void {
  const held = index.get(key);
  if (held === undefined) return;
  if (typeof held === "string") {
    if (held === id) index.delete(key);
    return;
  }
  held.delete(id);
  if (held.size === 0) index.delete(key);
}

/** The ids filed under `key`, none when it holds none. */
export function filedAt(index: FiledIds, key: string): Iterable<string> {
  const held = index.get(key);
  return held === undefined ? none : typeof held === "string" ? [held] : held;
}

/** Whether `key` holds `id` and nothing else, or nothing at all. */
export function holdsOnly(index: FiledIds, key: string, id: string): boolean {
  const held = index.get(key);
  return (
    held === undefined ||
    held === id ||
    (typeof held !== "string" && held.size === 1 && held.has(id))
  );
}
