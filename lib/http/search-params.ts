// Next.js hands a page its query as a string per key, an array when the key
// repeats, or undefined. Pages read it one way: a key counts when it holds
// one non-empty value; an empty or repeated key reads as absent, so schemas
// and links downstream only ever see a string or nothing.

export type SearchParams = Record<string, string | string[] | undefined>;

export function readSearchParam(raw: SearchParams, key: string): string | undefined {
  const value = raw[key];
  return typeof value === "string" && value ? value : undefined;
}

/** The given keys only, so a strict schema never sees a stray key such as `?saved=1`. */
export function readSearchParams<const Key extends string>(
  raw: SearchParams,
  keys: readonly Key[],
): Record<Key, string | undefined> {
  return Object.fromEntries(keys.map((key) => [key, readSearchParam(raw, key)])) as Record<
    Key,
    string | undefined
  >;
}
