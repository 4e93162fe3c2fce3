// The browser tests drive Debian's Chromium. `npm test` on a fresh machine
// installs it where it can (root with apt-get), and otherwise stops with the
// one command to run, rather than failing deep inside the browser tests.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const chromiumPath = "/usr/bin/chromium";

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

function hasAptGet(): boolean {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

/** Returns null when Chromium is there (or was just installed), else the line to show. */
export function ensureChromium(): string | null {
  if (existsSync(chromiumPath)) return null;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && hasAptGet()) {
    console.log(`Chromium is missing at ${chromiumPath}: installing Debian's chromium package…`);
    if (run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"])) {
      if (existsSync(chromiumPath)) return null;
    }
  }
  return `The browser tests need Chromium at ${chromiumPath}: run \`sudo apt-get install chromium\` (Debian or Ubuntu), then \`npm test\` again.`;
}
