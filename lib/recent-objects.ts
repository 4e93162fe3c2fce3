/** Answers remembered for the last few objects asked about, compared by identity. */
export type RecentObjects<K extends object, V> = {
  get: (key: K) => V | undefined;
  set: (key: K, value: V) => void;
};

/**
 * Remembers the answers for the last `size` objects set, the oldest
 * forgotten first. For work read off an object that comes back again and
 * again in a row (a prepared binding judging one token after another) and
 * is otherwise seen once (each binding of a large estate, judged once).
 * Unlike a WeakMap keyed by such objects, nothing is hashed, and nothing
 * stays remembered for as long as the object lives: where the objects are
 * parts of the catalogue's rows, a WeakMap held an answer for every one of
 * them as long as the rows were kept.
 */
export function recentObjects<K extends object, V>(size: number): RecentObjects<K, V> {
  const keys: (K | undefined)[] = Array.from({ length: size }, () => undefined);
  const values: (V | undefined)[] = Array.from({ length: size }, () => undefined);
  let next = 0;
  return {
    get(key) {
      for (let index = 0; index < size; index += 1) {
        if (keys[index] === key) return values[index];
      }
      return undefined;
    },
    set(key, value) {
      const known = keys.indexOf(key);
      const at = known >= 0 ? known : next;
      keys[at] = key;
      values[at] = value;
      if (known < 0) next = (next + 1) % size;
    },
  };
}
