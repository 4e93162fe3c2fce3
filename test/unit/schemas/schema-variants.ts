import { expect } from "vitest";
import type { z } from "zod";

// Inputs near a valid one, to compare a fast check with the schema it
// stands in for: every field (to a few levels down) removed, replaced by a
// value of another type or an edge text (empty, padded, NUL, a lone
// surrogate, over each length limit), lists emptied or holed, objects
// reordered, and keys the schema does not know (plain, undefined,
// "__proto__", a symbol, inherited).

type Path = (string | number)[];

const longLengths = [65, 101, 121, 129, 201, 255, 256, 257, 513, 601, 1025, 2001, 2049, 4097];

function edgeValues(current: unknown): unknown[] {
  const values: unknown[] = [
    undefined,
    null,
    0,
    -0,
    Number.NaN,
    1,
    1.5,
    true,
    false,
    "",
    " ",
    "\u0000",
    "\ud800",
    [],
    {},
    [""],
    [1],
    new Date(0),
    Object.create(null),
    ...longLengths.map((length) => "a".repeat(length)),
  ];
  if (typeof current === "string") {
    values.push(
      ` ${current}`,
      `${current} `,
      `${current}\n`,
      `${current}\u0000`,
      `${current}\ud800`,
      `${current}/`,
      current.toUpperCase(),
      current.slice(1),
      current + current,
    );
  }
  if (Array.isArray(current)) {
    values.push([...current, ...current], [...current, 1], [current[0], , current[0]]);
    values.push(current.map((item) => (typeof item === "string" ? ` ${item}` : item)));
  }
  if (current !== null && typeof current === "object" && !Array.isArray(current)) {
    values.push(Object.fromEntries(Object.entries(current).reverse()));
    values.push(Object.assign(Object.create(null), current));
  }
  return values;
}

function clone(value: unknown): unknown {
  return structuredClone(value);
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (value, key) => (value as Record<string | number, unknown> | undefined)?.[key],
    root,
  );
}

type Parent = Record<string | number, unknown>;

function withChange(
  root: unknown,
  path: Path,
  change: (parent: Parent, key: string | number) => void,
): unknown {
  const copy = clone(root);
  change(getAt(copy, path.slice(0, -1)) as Parent, path.at(-1) as string | number);
  return copy;
}

function pathsOf(value: unknown, depth: number, path: Path = []): Path[] {
  if (depth === 0 || value === null || typeof value !== "object") return [];
  const keys = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => {
    const child = (value as Record<string | number, unknown>)[key];
    return [[...path, key], ...pathsOf(child, depth - 1, [...path, key])];
  });
}

function strangeKeys(base: Record<string, unknown>): unknown[] {
  const inherited = Object.create({ extra: 1 }) as Record<string, unknown>;
  Object.assign(inherited, base);
  const inheritedKnown = Object.create({ [Object.keys(base)[0] ?? "x"]: "x" });
  Object.assign(inheritedKnown, base);
  const withProto = JSON.parse(`{"__proto__": {"extra": 1}, ${JSON.stringify(base).slice(1)}`);
  const hidden = clone(base) as Record<string, unknown>;
  Object.defineProperty(hidden, "hidden", { value: 1, enumerable: false });
  return [
    { ...base, extra: 1 },
    { ...base, extra: undefined },
    { ...base, [Symbol("extra")]: 1 },
    withProto,
    inherited,
    inheritedKnown,
    hidden,
    Object.assign(Object.create(null), base),
    Object.fromEntries(Object.entries(base).reverse()),
    [base],
    null,
    "binding",
  ];
}

/**
 * Inputs near `base`, changed at every path up to `depth` levels down;
 * each of `shapeKeys` the base lacks is also given, as undefined.
 */
export function variantsOf(
  base: Record<string, unknown>,
  { depth = 4, shapeKeys = [] }: { depth?: number; shapeKeys?: string[] } = {},
): unknown[] {
  const variants: unknown[] = [clone(base), ...strangeKeys(base)];
  for (const key of shapeKeys.filter((known) => !(known in base))) {
    variants.push({ ...base, [key]: undefined });
  }
  for (const path of pathsOf(base, depth)) {
    const current = getAt(base, path);
    variants.push(
      withChange(base, path, (parent, key) =>
        Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key],
      ),
    );
    for (const value of edgeValues(current)) {
      variants.push(
        withChange(base, path, (parent, key) => {
          parent[key] = value;
        }),
      );
    }
    if (current !== null && typeof current === "object" && !Array.isArray(current)) {
      for (const extra of [{ extra: 1 }, { extra: undefined }, { [Symbol("extra")]: 1 }]) {
        variants.push(
          withChange(base, path, (parent, key) => {
            parent[key] = { ...(parent[key] as object), ...extra };
          }),
        );
      }
      variants.push(
        withChange(base, path, (parent, key) => {
          const rest = JSON.stringify(parent[key]).slice(1);
          parent[key] = JSON.parse(`{"__proto__": {"extra": 1}, ${rest}`);
        }),
      );
    }
  }
  return variants;
}

// Prototypes are told apart by identity: outputs share the input's values.
const prototypeIds = new Map<unknown, number>();

function prototypeOf(value: object): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype) return "Object";
  if (prototype === Array.prototype) return "Array";
  if (prototype === null) return "null";
  if (!prototypeIds.has(prototype)) prototypeIds.set(prototype, prototypeIds.size);
  return `prototype ${prototypeIds.get(prototype)}`;
}

/** Every object's prototype and keys in order, by path: outputs differing in either differ here. */
function keyOrder(value: unknown, path = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  const keys = Reflect.ownKeys(value).map(String);
  return [
    `${path}: ${prototypeOf(value)} ${keys.join(",")}`,
    ...keys.flatMap((key) => keyOrder((value as Record<string, unknown>)[key], `${path}.${key}`)),
  ];
}

// Every object a fast check has handed out: a later answer must not share
// one, unless the schema's own answer shares it with the input (z.unknown).
const handedOut = new WeakSet<object>();

function objectsByPath(value: unknown, path = "", found = new Map<string, object>()) {
  if (value === null || typeof value !== "object") return found;
  found.set(path, value);
  for (const key of Reflect.ownKeys(value)) {
    objectsByPath(
      (value as Record<string | symbol, unknown>)[key],
      `${path}.${String(key)}`,
      found,
    );
  }
  return found;
}

function expectOwnObjects(fast: unknown, whole: unknown, input: unknown) {
  const fromInput = new Set(objectsByPath(input).values());
  const wholeObjects = objectsByPath(whole);
  for (const [path, object] of objectsByPath(fast)) {
    const shared = fromInput.has(wholeObjects.get(path) as object);
    if (shared) expect(object, path).toBe(wholeObjects.get(path));
    else {
      expect(fromInput.has(object) || handedOut.has(object), `shares ${path}`).toBe(false);
      handedOut.add(object);
    }
  }
}

/** Asserts the fast check gives exactly the schema's answer for `input`. */
export function expectSchemaAnswer(
  check: (input: unknown) => z.ZodSafeParseResult<unknown>,
  schema: z.ZodType,
  input: unknown,
): boolean {
  const fast = check(input);
  const whole = schema.safeParse(input);
  expect(fast.success, JSON.stringify(input)).toBe(whole.success);
  if (fast.success && whole.success) {
    expect(fast.data).toStrictEqual(whole.data);
    expect(keyOrder(fast.data)).toEqual(keyOrder(whole.data));
    expectOwnObjects(fast.data, whole.data, input);
  }
  if (!fast.success && !whole.success) expect(fast.error.issues).toEqual(whole.error.issues);
  return whole.success;
}
