// First-load JS of every page (issue 11 §11): the gzip size of the chunks a
// browser loads before the page is interactive, read from the last
// `npx next build`. Fails when a page is over the 150 KB budget.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchReport } from "./support/bench";
import { firstLoadBudgetBytes, formatKb, measureFirstLoad } from "./support/first-load";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function run(): Promise<BenchReport> {
  const routes = (await measureFirstLoad(root)).filter(({ route }) => !route.startsWith("/api/"));
  const width = Math.max(...routes.map(({ route }) => route.length));
  const lines = routes.map(
    ({ route, gzipBytes, chunks }) =>
      `${route.padEnd(width)}  ${formatKb(gzipBytes).padStart(9)}  ${String(chunks).padStart(2)} chunks${gzipBytes > firstLoadBudgetBytes ? "  over budget" : ""}`,
  );
  const over = routes.filter(({ gzipBytes }) => gzipBytes > firstLoadBudgetBytes);
  const title = `First-load JS per route (gzip; budget ${formatKb(firstLoadBudgetBytes)})`;
  if (over.length > 0) {
    throw new Error(`${over.length} route(s) over budget.\n${title}\n${lines.join("\n")}`);
  }
  return { title, lines };
}
