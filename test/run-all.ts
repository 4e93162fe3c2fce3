// `npm test`: every check in order, stopping at the first failure, with the
// time each took.
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./support/ensure-chromium";

const steps: [string, string[]][] = [
  ["lint", ["npm", "run", "-s", "lint"]],
  ["typecheck", ["npm", "run", "-s", "typecheck"]],
  ["unit tests", ["npm", "run", "-s", "test:unit"]],
  ["integration tests", ["npm", "run", "-s", "test:integration"]],
  ["production build", ["npm", "run", "-s", "build"]],
  ["browser tests", ["npm", "run", "-s", "test:e2e"]],
];

// Checked first, so a machine without a browser learns it in the first second,
// not after the other steps.
const missingBrowser = ensureChromium();
if (missingBrowser) {
  console.error(missingBrowser);
  process.exit(1);
}

const timings: string[] = [];
for (const [name, [command, ...args]] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command as string, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name}: ${seconds}s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (${seconds}s)`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✓ all checks passed\n  ${timings.join("\n  ")}`);
