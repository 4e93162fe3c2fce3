// First-load JavaScript per route, from what `next build` writes. Next 16
// (Turbopack) no longer prints sizes, but it records every route's first-load
// chunks in .next/diagnostics/route-bundle-stats.json; the browser fetches
// those files compressed, so the figure is their gzip size.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);

/** Issue 11 §11: every page's first-load JS stays within this, gzip. */
export const firstLoadBudgetBytes = 150 * 1024;

export type RouteFirstLoad = { route: string; gzipBytes: number; chunks: number };

type RouteBundleStat = { route: string; firstLoadChunkPaths: string[] };

function isRouteBundleStats(value: unknown): value is RouteBundleStat[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry: { route?: unknown; firstLoadChunkPaths?: unknown }) =>
        typeof entry?.route === "string" &&
        Array.isArray(entry.firstLoadChunkPaths) &&
        entry.firstLoadChunkPaths.every((chunk) => typeof chunk === "string"),
    )
  );
}

/** Each route's first-load JS, gzip-compressed, sorted by route; `root` holds `.next`. */
export async function measureFirstLoad(root: string): Promise<RouteFirstLoad[]> {
  const statsPath = path.join(root, ".next/diagnostics/route-bundle-stats.json");
  const text = await readFile(statsPath, "utf8").catch(() => {
    throw new Error(`${statsPath} is missing: run \`npx next build\` first.`);
  });
  const stats: unknown = JSON.parse(text);
  if (!isRouteBundleStats(stats)) throw new Error(`${statsPath} has an unexpected shape.`);
  const sizes = new Map<string, Promise<number>>();
  const sizeOf = (chunk: string) => {
    let size = sizes.get(chunk);
    if (!size) {
      size = readFile(path.join(root, chunk)).then(
        async (bytes) => (await gzipAsync(bytes)).length,
      );
      sizes.set(chunk, size);
    }
    return size;
  };
  const routes = await Promise.all(
    stats.map(async ({ route, firstLoadChunkPaths }) => {
      const unique = [...new Set(firstLoadChunkPaths)];
      const bytes = await Promise.all(unique.map(sizeOf));
      return { route, chunks: unique.length, gzipBytes: bytes.reduce((sum, n) => sum + n, 0) };
    }),
  );
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
