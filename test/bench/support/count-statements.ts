// Counts the SQL statements the app sends while a phase runs, by their
// first words: how many database round trips a change costs, measured
// rather than read from the code. Patches the driver's client for the
// phase only.
import pg from "pg";

export type StatementCount = { text: string; count: number };

export function countStatements(): { stop(): StatementCount[] } {
  const counts = new Map<string, number>();
  const original = pg.Client.prototype.query;
  const counting = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : (first?.text ?? "?");
    const key = text.replace(/\s+/g, " ").trim().slice(0, 60);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  pg.Client.prototype.query = counting as typeof original;
  return {
    stop() {
      pg.Client.prototype.query = original;
      return [...counts]
        .map(([text, count]) => ({ text, count }))
        .sort((a, b) => b.count - a.count);
    },
  };
}
