import { execFileSync } from "node:child_process";
import { parse } from "@cdktf/hcl2json";

// Reading exported code back the way its tools would.

/**
 * hcl2json prints literal strings in Terraform's JSON syntax, where `$${` and
 * `%%{` stand for `${` and `%{`; an unescaped `${` would be an interpolation,
 * which a literal export must never contain. The one expression the export
 * writes, `jsonencode(…)`, is passed through for jsonencodeArgument to read.
 */
export function literal(value: unknown): unknown {
  if (typeof value === "string") {
    if (/^\$\{jsonencode\([\s\S]*\)\}$/.test(value)) return value;
    if (/(^|[^$])\$\{|(^|[^%])%\{/.test(value)) throw new Error(`not a literal: ${value}`);
    return value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
  }
  if (Array.isArray(value)) return value.map(literal);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [literal(key), literal(item)]),
    );
  }
  return value;
}

type Resources = Record<string, Record<string, Record<string, unknown>[]>>;

/** The parsed `resource` blocks: type → name → attributes. */
export async function parseTerraform(
  text: string,
): Promise<Record<string, Record<string, Record<string, unknown>>>> {
  const parsed = (await parse("main.tf", text)) as { resource?: Resources };
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
    out[type] = {};
    for (const [name, bodies] of Object.entries(byName)) out[type][name] = bodies[0] ?? {};
  }
  return out;
}

/** The object inside `${jsonencode(…)}`, parsed as HCL and read as literal values. */
export async function jsonencodeArgument(expression: unknown): Promise<unknown> {
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(String(expression));
  if (!match) throw new Error(`not a jsonencode call: ${String(expression)}`);
  const parsed = (await parse("inner.tf", `value = ${match[1]}\n`)) as { value: unknown };
  return literal(parsed.value);
}

/**
 * Runs the exported script in a real POSIX shell with az, aws and gcloud
 * replaced by functions that print their arguments, and returns one argument
 * list per command call. The shell does the unquoting, not the test.
 */
export function runCommands(script: string): string[][] {
  const prelude = ["az", "aws", "gcloud"]
    .map((name) => `${name}() { printf '%s\\0' ${name} "$@"; printf '\\036\\0'; }`)
    .join("\n");
  const output = execFileSync("sh", ["-c", `${prelude}\n${script}`], { encoding: "utf8" });
  const calls: string[][] = [];
  let current: string[] = [];
  for (const word of output.split("\0").slice(0, -1)) {
    if (word === "\u001e") {
      calls.push(current);
      current = [];
    } else current.push(word);
  }
  return calls;
}

/** `--flag=value` arguments as [flag, value]; a switch has value undefined. */
export function flagsOf(args: string[]): [string, string | undefined][] {
  return args
    .filter((arg) => arg.startsWith("--"))
    .map((arg) => {
      const at = arg.indexOf("=");
      return at === -1 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
    });
}

/** The command words before the first flag or positional value. */
export function commandOf(args: string[], words: number): string {
  return args.slice(0, words).join(" ");
}
