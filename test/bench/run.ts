// `npm run bench`: runs every test/bench/*.bench.ts in turn (one at a time, so
// they do not compete for the database or the CPU), prints the figures each
// returns, and exits non-zero when any of them throws.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isBenchModule } from "./support/bench";

const directory = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];

const files = (await readdir(directory))
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => !only || name.includes(only))
  .sort();

if (files.length === 0) {
  console.error(`No benchmarks in ${directory}${only ? ` matching "${only}"` : ""}.`);
  process.exit(1);
}

const failures: string[] = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = performance.now();
  try {
    const loaded: unknown = await import(pathToFileURL(path.join(directory, file)).href);
    if (!isBenchModule(loaded)) throw new Error(`${file} does not export run()`);
    const report = await loaded.run();
    console.log(`\n${report.title}\n`);
    for (const line of report.lines) console.log(line);
    console.log(`\n✓ ${file} (${((performance.now() - started) / 1000).toFixed(1)}s)`);
  } catch (error) {
    failures.push(file);
    console.error(`\n✗ ${file} failed after ${((performance.now() - started) / 1000).toFixed(1)}s`);
    console.error(error);
  }
}

if (failures.length > 0)
  console.error(`\n${failures.length} benchmark(s) failed: ${failures.join(", ")}`);
// Explicit exit: a leaked pool or timer in a failed benchmark must not hang the run.
process.exit(failures.length > 0 ? 1 : 0);
