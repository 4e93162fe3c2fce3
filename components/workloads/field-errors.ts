import type { z } from "zod";

export type ErrorMap = Record<string, string>;

/** The first message per dotted path ("" for the object itself), as the server's invalid_params name them. */
export function errorMapFrom(error: z.ZodError | undefined): ErrorMap {
  const map: ErrorMap = {};
  for (const issue of error?.issues ?? []) {
    const path = issue.path.map(String).join(".");
    map[path] ??= issue.message;
  }
  return map;
}

/** Server errors under `prefix.` with the prefix removed, e.g. `config.tenantId` → `tenantId`. */
export function errorsUnder(errors: ErrorMap | undefined, prefix: string): ErrorMap {
  const map: ErrorMap = {};
  for (const [path, message] of Object.entries(errors ?? {})) {
    if (path === prefix) map[""] = message;
    else if (path.startsWith(`${prefix}.`)) map[path.slice(prefix.length + 1)] = message;
  }
  return map;
}

/** The error at `path` or, failing that, at a path inside it (`oidcProviders.0` covers `oidcProviders.0.url`). */
export function errorAt(errors: ErrorMap, path: string, exact = false): string | undefined {
  if (errors[path] || exact) return errors[path];
  const inside = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return inside ? errors[inside] : undefined;
}

/** Splits a list typed one per line or comma-separated. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}
