import { envSchema } from "@/lib/env";

// README's configuration table is rendered from the env schema; a unit test
// fails when the README and lib/env.ts disagree.

type Described = { description?: string; _zod: { def: { type: string; defaultValue?: unknown } } };

function defaultText(schema: Described): string {
  const { def } = schema._zod;
  if (def.type !== "default") return "—";
  const value = def.defaultValue;
  if (Array.isArray(value)) return value.length ? value.join(",") : "(none)";
  return `\`${String(value)}\``;
}

export function renderEnvTable(): string {
  const rows = Object.entries(envSchema.shape).map(([name, schema]) => {
    const described = schema as unknown as Described;
    return `| \`${name}\` | ${defaultText(described)} | ${described.description ?? ""} |`;
  });
  return ["| Variable | Default | Meaning |", "| --- | --- | --- |", ...rows].join("\n");
}
