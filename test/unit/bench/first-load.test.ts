import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatKb, measureFirstLoad } from "@/test/bench/support/first-load";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "fedlens-first-load-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function build(stats: unknown, chunks: Record<string, string>) {
  await mkdir(path.join(root, ".next/diagnostics"), { recursive: true });
  await mkdir(path.join(root, ".next/static/chunks"), { recursive: true });
  await writeFile(
    path.join(root, ".next/diagnostics/route-bundle-stats.json"),
    JSON.stringify(stats),
  );
  for (const [name, text] of Object.entries(chunks)) {
    await writeFile(path.join(root, ".next/static/chunks", name), text);
  }
}

describe("measureFirstLoad", () => {
  it("sums the gzip size of each route's first-load chunks, counting a repeated chunk once", async () => {
    const shared = "console.log('framework');".repeat(200);
    const page = "export const page = 1;".repeat(50);
    await build(
      [
        {
          route: "/workloads",
          firstLoadChunkPaths: [
            ".next/static/chunks/a.js",
            ".next/static/chunks/b.js",
            ".next/static/chunks/a.js",
          ],
        },
        { route: "/", firstLoadChunkPaths: [".next/static/chunks/a.js"] },
      ],
      { "a.js": shared, "b.js": page },
    );
    const sharedBytes = gzipSync(shared).length;
    const pageBytes = gzipSync(page).length;

    expect(await measureFirstLoad(root)).toEqual([
      { route: "/", chunks: 1, gzipBytes: sharedBytes },
      { route: "/workloads", chunks: 2, gzipBytes: sharedBytes + pageBytes },
    ]);
  });

  it("asks for a build when the stats file is missing", async () => {
    await expect(measureFirstLoad(root)).rejects.toThrow(/run `npx next build` first/);
  });

  it("refuses stats of another shape", async () => {
    await build({ routes: [] }, {});
    await expect(measureFirstLoad(root)).rejects.toThrow(/unexpected shape/);
  });
});

describe("formatKb", () => {
  it("prints kibibytes with one decimal", () => {
    expect(formatKb(153_600)).toBe("150.0 KB");
  });
});
