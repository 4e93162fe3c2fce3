// Copies of JSON values kept to recognise a value seen before by comparing
// with the copy, which costs less than building a text key on every call.
// Only what JSON can say exactly is copied (no undefined, NaN, Date or class
// instance), so a value holding anything else is never taken for a copy.

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A deep copy of `value` without its outer key `skip`, or undefined when JSON cannot say it exactly. */
export function jsonCopy(value: unknown, skip?: string): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const item = jsonCopy(value[index]);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return items;
  }
  if (typeof value !== "object" || !isPlainObject(value)) return undefined;
  // No prototype, so a "__proto__" key is copied as a key.
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (key === skip) continue;
    const item = jsonCopy(value[key]);
    if (item === undefined) return undefined;
    copy[key] = item;
  }
  return copy;
}

/** Whether `value`, without its outer key `skip`, equals `copy` (a result of jsonCopy), keys in the same order. */
export function isSameJson(value: unknown, copy: unknown, skip?: string): boolean {
  // A copy holds no object of the caller's, so identity means an equal primitive.
  if (value === copy) return true;
  if (Array.isArray(copy)) {
    if (!Array.isArray(value) || value.length !== copy.length) return false;
    for (let index = 0; index < copy.length; index += 1) {
      if (!isSameJson(value[index], copy[index])) return false;
    }
    return true;
  }
  if (copy === null || typeof copy !== "object") return false;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  if (!isPlainObject(value)) return false;
  const expected = copy as Record<string, unknown>;
  // In order too: the schema's output keeps the input's key order, and an
  // attribute mapping's order is the order of its checks and messages.
  const expectedKeys = Object.keys(expected);
  let keys = 0;
  for (const key of Object.keys(value)) {
    if (key === skip) continue;
    if (expectedKeys[keys] !== key) return false;
    if (!isSameJson(value[key], expected[key])) return false;
    keys += 1;
  }
  return keys === expectedKeys.length;
}
