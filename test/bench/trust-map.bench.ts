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
//
// A console builds the map first in a fresh process, so the 3 s goal is on
// a process's first 100k build. On this 2-core machine one such figure
// moves by ±10% from process to process with what else runs, so three
// processes measure in turn and the goal is judged on the median of their
// first builds; the first process's report is printed whole.
import { fork } from "node:child_process";
import { consoleNodeFlags } from "@/lib/server/console-node-flags";
import type { BenchReport } from "./support/bench";
import {
  goals,
  isTrustMapMeasurement,
  median,
  type TrustMapMeasurement,
} from "./support/trust-map-report";

const processes = 3;

async function measureInChild(): Promise<TrustMapMeasurement> {
  const child = fork(new URL("./support/trust-map-child.ts", import.meta.url), [], {
    execArgv: [...consoleNodeFlags, "--conditions=react-server", "--import", "tsx"],
    stdio: "inherit",
  });
  let report: unknown;
  child.on("message", (message) => {
    report = message;
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0 || !isTrustMapMeasurement(report)) {
    throw new Error(`The trust map measurements failed (exit code ${code}).`);
  }
  return report;
}

export async function run(): Promise<BenchReport> {
  const reports: TrustMapMeasurement[] = [];
  // One after another: two at once would share the machine's two cores.
  for (let count = 0; count < processes; count += 1) reports.push(await measureInChild());
  const firsts = reports.map((report) => report.firstBuildMs);
  const middle = median(firsts).median;
  const [first] = reports as [TrustMapMeasurement];
  const goal = `build@100k, the first build of each of ${processes} fresh processes (each after its 1k and 10k builds): ${firsts.map((ms) => ms.toFixed(0)).join(", ")} ms; median ${middle.toFixed(0)} ms (goal ≤ ${goals.buildMs} ms): ${middle <= goals.buildMs ? "met" : "NO"}`;
  // Under the table (the first process's), where the figures begin.
  const figuresStart = first.lines.indexOf("") + 1;
  return {
    title: first.title,
    lines: [
      ...first.lines.slice(0, figuresStart),
      goal,
      ...first.lines.slice(figuresStart),
      `The table and the figures other than the goal's are the first process's. Measured in processes started with: ${consoleNodeFlags.join(" ")}.`,
    ],
  };
}
