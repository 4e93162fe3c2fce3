import type { z } from "zod";

export type IssueSummary = { path: string; message: string };

/** The issues a parse produced, reduced to what an operator sees: field path and message. */
export function issuesOf(schema: z.ZodType, input: unknown): IssueSummary[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/** Parses or fails the test with the issues, so a rejection shows why. */
export function parseOk<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new Error(`expected a successful parse, got ${JSON.stringify(result.error.issues)}`);
  }
  return result.data;
}
