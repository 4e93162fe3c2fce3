// The effective trust graph at scale (issue 15 item 2). In one run: build the
// graph of a generated estate of 1,000, 10,000 and 100,000 bindings (half as
// many workloads, 5% of bindings patterns), then apply one catalogue change
// to the 100k graph. Goals: 100k in ≤ 3 s, ≤ 60× the 1k time, one update
// ≤ 50 ms. The graph core is pure, so this times it on rows in memory; the
// loader's four SELECTs are not included.
//
// The console builds the map in a process started with its own Node flags
// (a larger young generation), and the build's speed depends on them, so the
// measurements run in a child process started with the same flags.
import { fork } from "node:child_process";
import { consoleNodeFlags } from "@/lib/server/console-node-flags";
import { isBenchReport, type BenchReport } from "./support/bench";

export async function run(): Promise<BenchReport> {
  const child = fork(new URL("./support/trust-map-child.ts", import.meta.url), [], {
    execArgv: [...consoleNodeFlags, "--conditions=react-server", "--import", "tsx"],
    stdio: "inherit",
  });
  let report: unknown;
  child.on("message", (message) => {
    report = message;
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0 || !isBenchReport(report)) {
    throw new Error(`The trust map measurements failed (exit code ${code}).`);
  }
  return {
    title: report.title,
    lines: [...report.lines, `Measured in a process started with: ${consoleNodeFlags.join(" ")}.`],
  };
}
