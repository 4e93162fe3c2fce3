import { codePointEscape, unseenCharacters } from "@/lib/sync/export/unseen";

// A small HCL writer for exported Terraform. Strings follow the HCL native
// syntax spec (github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md, "Template
// Expressions"): quotes, backslashes and control characters are escaped, and
// the template sequences `${` and `%{` are written `$${` and `%%{` so a value
// is always a literal, never an interpolation or a directive.

export type HclRaw = { raw: string };
export type HclValue = string | number | boolean | null | HclRaw | HclValue[] | HclObject;
export type HclObject = { [key: string]: HclValue };

/** A body item: an attribute, or a nested block with its own body. */
export type HclItem = { attribute: string; value: HclValue } | { block: string; body: HclItem[] };

// Line breaks, tabs, other controls and invisible or direction-changing
// characters are escaped (\n, \uNNNN) so what a reviewer sees is what
// Terraform sends.
const namedEscapes: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, "%%{")
    .replace(
      unseenCharacters(),
      (character) => namedEscapes[character] ?? codePointEscape(character),
    );
  return `"${escaped}"`;
}

export function hclRaw(raw: string): HclRaw {
  return { raw };
}

function isRaw(value: HclValue): value is HclRaw {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "raw" in value;
}

const pad = (depth: number) => "  ".repeat(depth);

export function hclValue(value: HclValue, depth = 0): string {
  if (value === null) return "null";
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isRaw(value)) return value.raw;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => `${pad(depth + 1)}${hclValue(item, depth + 1)},`);
    return `[\n${items.join("\n")}\n${pad(depth)}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const width = Math.max(...entries.map(([key]) => hclString(key).length));
  const lines = entries.map(
    ([key, item]) =>
      `${pad(depth + 1)}${hclString(key).padEnd(width)} = ${hclValue(item, depth + 1)}`,
  );
  return `{\n${lines.join("\n")}\n${pad(depth)}}`;
}

function hclBody(items: HclItem[], depth: number): string[] {
  const width = Math.max(
    0,
    ...items.map((item) => ("attribute" in item ? item.attribute.length : 0)),
  );
  return items.map((item) =>
    "attribute" in item
      ? `${pad(depth)}${item.attribute.padEnd(width)} = ${hclValue(item.value, depth)}`
      : `${pad(depth)}${item.block} {\n${hclBody(item.body, depth + 1).join("\n")}\n${pad(depth)}}`,
  );
}

/** `resource "type" "name" { … }`; labels are quoted strings, so they are escaped too. */
export function hclBlock(keyword: string, labels: string[], items: HclItem[]): string {
  const head = [keyword, ...labels.map(hclString)].join(" ");
  return `${head} {\n${hclBody(items, 1).join("\n")}\n}\n`;
}

/** Attributes whose value is present, in order (optional fields are left out, not set to null). */
export function hclAttributes(entries: [string, HclValue | undefined][]): HclItem[] {
  return entries.flatMap(([attribute, value]) =>
    value === undefined ? [] : [{ attribute, value }],
  );
}

/**
 * Terraform resource names: a letter or underscore, then letters, digits,
 * '_' and '-' (developer.hashicorp.com/terraform/language/syntax/configuration#identifiers).
 * Each call of the returned function gives a name no earlier call gave.
 */
export function resourceNamer(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    let base = wanted.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "resource";
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    let name = base;
    for (let counter = 2; used.has(name); counter += 1) name = `${base}_${counter}`;
    used.add(name);
    return name;
  };
}

/** Plain JSON as an HCL expression (for `jsonencode(…)`), keys always quoted. */
export function hclFromJson(value: unknown): HclValue {
  if (value === null || typeof value !== "object") {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? value
      : null;
  }
  if (Array.isArray(value)) return value.map(hclFromJson);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, hclFromJson(item)]),
  );
}
