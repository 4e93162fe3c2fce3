import { createInterface } from "node:readline";
import { systemActor } from "@/lib/auth/actor";
import { ZIdParams } from "@/lib/schemas/common";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";
import { startApply, type ApplyMode } from "@/lib/sync/apply/start-apply";
import { parseArgs, UsageError } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { createSyncPlan } from "@/lib/sync/plan/create-sync-plan";
import { getSyncPlan } from "@/lib/sync/plan/get-sync-plan";
import type { TPlanOperation, TSyncPlan } from "@/lib/sync/plan/plan-dto";
import { ZPlanScope, type TPlanScope } from "@/lib/sync/plan/plan-scope";

export const usage = [
  "sync plan [--target ID | --connection ID]   read the clouds and print what an apply would change (exit 0: nothing to do, 2: changes pending, 1: a target unread or a change refused)",
  "sync apply [--target ID | --connection ID | --plan ID [--failed]] [--yes]   plan (or take a stored plan), confirm, and write the changes to the clouds (exit 0: all applied, 1: a change failed or was refused)",
].join("\n  ");

function scopeOf(flags: Record<string, string | boolean>): TPlanScope {
  const target = flags.target;
  const connection = flags.connection;
  if (target !== undefined && connection !== undefined) {
    throw new UsageError("give --target or --connection, not both");
  }
  if (typeof target === "string") return parsedScope({ kind: "target", id: target });
  if (typeof connection === "string") return parsedScope({ kind: "connection", id: connection });
  if (target !== undefined || connection !== undefined) throw new UsageError("missing id");
  return { kind: "all" };
}

function parsedScope(scope: TPlanScope): TPlanScope {
  const parsed = ZPlanScope.safeParse(scope);
  if (!parsed.success) throw new UsageError(`--${scope.kind}: not an id`);
  return parsed.data;
}

/** Columns padded to their widest cell. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function planLines(plan: TSyncPlan, operations: TPlanOperation[]): string[] {
  const targets = plan.targets;
  const names = new Map(targets.map((target) => [target.id, target.name]));
  const lines: string[] = [];
  const changes = operations.filter((operation) => operation.status !== "unchanged");
  if (changes.length > 0) {
    lines.push(
      table([
        ["TARGET", "BINDING", "CHANGE", "STATUS", "NOTE"],
        ...changes.map((operation) => [
          names.get(operation.targetId) ?? operation.targetId,
          operation.name,
          operation.op,
          operation.status,
          operation.reason ?? operation.call ?? "",
        ]),
      ]),
    );
  }
  for (const target of targets.filter((target) => target.reason)) {
    lines.push(`${target.name}: ${target.reason}`);
  }
  return lines;
}

const actor = systemActor("cli");

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    target: "string",
    connection: "string",
    plan: "string",
    failed: "boolean",
    yes: "boolean",
  });
  const command = args.positionals.join(" ");
  if (command !== "plan" && command !== "apply") {
    throw new UsageError("use `sync plan` or `sync apply`");
  }
  if (command === "plan" && (args.flags.plan || args.flags.failed || args.flags.yes)) {
    throw new UsageError("--plan, --failed and --yes belong to `sync apply`");
  }
  const planId = typeof args.flags.plan === "string" ? parsedPlanId(args.flags.plan) : null;
  if (planId && (args.flags.target || args.flags.connection)) {
    throw new UsageError("give --plan, or --target / --connection, not both");
  }
  if (args.flags.failed && !planId)
    throw new UsageError("--failed retries a stored plan: give --plan");
  const scope = planId ? null : scopeOf(args.flags);
  const session = await openDatabase();
  try {
    if (command === "plan") return (await planAndPrint(scope!)).code;
    return await applyAndPrint({
      planId,
      scope,
      mode: args.flags.failed ? "failed" : "pending",
      yes: args.flags.yes === true,
    });
  } finally {
    await session.close();
  }
}

function parsedPlanId(value: string): string {
  const parsed = ZIdParams.safeParse({ id: value });
  if (!parsed.success) throw new UsageError("--plan: not an id");
  return parsed.data.id;
}

async function readPlan(id: string): Promise<{ plan: TSyncPlan; operations: TPlanOperation[] }> {
  let plan = await getSyncPlan({ actor, planId: id, query: { limit: 500 } });
  const operations = [...plan.operations.data];
  while (plan.operations.meta.nextCursor) {
    const cursor = Number(plan.operations.meta.nextCursor);
    plan = await getSyncPlan({ actor, planId: id, query: { cursor, limit: 500 } });
    operations.push(...plan.operations.data);
  }
  return { plan, operations };
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new UsageError("not a terminal: pass --yes to apply without a question");
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function applyAndPrint(options: {
  planId: string | null;
  scope: TPlanScope | null;
  mode: ApplyMode;
  yes: boolean;
}): Promise<number> {
  let planId = options.planId;
  if (!planId) {
    const planned = await planAndPrint(options.scope!);
    planId = planned.id;
    if (planned.code === 0) return 0;
  }
  const { plan } = await readPlan(planId);
  if (plan.status === "applying") {
    // An apply whose process stopped (or a worker's, still running: the
    // plan's lease lets only one of them write, the other waits).
    console.log("This plan's apply did not finish; resuming it…");
    await runApplyJob({ planId });
    return printApplied(planId);
  }
  const count = options.mode === "failed" ? plan.progress.failed : plan.progress.pending;
  if (count === 0) {
    console.log("Nothing to apply.");
    return plan.progress.failed > 0 || plan.summary.refused > 0 ? 1 : 0;
  }
  const what = `${count} ${count === 1 ? "change" : "changes"}`;
  if (!options.yes && !(await confirm(`Write ${what} to the clouds? [y/N] `))) {
    console.log("Nothing was written.");
    return 1;
  }
  const requestId = `cli-${Date.now()}`;
  await startApply({ actor, requestId, planId, mode: options.mode, enqueue: false });
  console.log(`Applying ${what}…`);
  await runApplyJob({ planId });
  return printApplied(planId);
}

async function printApplied(planId: string): Promise<number> {
  const done = await readPlan(planId);
  const written = done.operations.filter((operation) =>
    ["applied", "failed", "applying", "pending"].includes(operation.status),
  );
  if (written.length > 0) console.log(applyTable(done.plan, written));
  const { progress } = done.plan;
  console.log(
    `Plan ${planId}: ${progress.applied} applied, ${progress.unchanged} already in sync, ${progress.failed} failed, ${progress.refused} refused.`,
  );
  return progress.failed > 0 || progress.refused > 0 || done.plan.status !== "applied" ? 1 : 0;
}

function applyTable(plan: TSyncPlan, operations: TPlanOperation[]): string {
  const names = new Map(plan.targets.map((target) => [target.id, target.name]));
  return table([
    ["TARGET", "BINDING", "CHANGE", "RESULT", "ERROR"],
    ...operations.map((operation) => {
      const error = operation.error as { code?: string; cause?: string } | null;
      return [
        names.get(operation.targetId) ?? operation.targetId,
        operation.name,
        operation.op,
        operation.status,
        error ? `${error.code ?? ""}: ${error.cause ?? ""}` : "",
      ];
    }),
  ]);
}

async function planAndPrint(scope: TPlanScope): Promise<{ id: string; code: number }> {
  const { id } = await createSyncPlan({ actor, requestId: `cli-${Date.now()}`, scope });
  const { plan, operations } = await readPlan(id);
  for (const line of planLines(plan, operations)) console.log(line);
  const { summary } = plan;
  // A missing target its changes create (a GCP provider) is planned, not unread.
  const unread = plan.targets.filter(
    (target) =>
      target.read !== "found" && !operations.some((operation) => operation.targetId === target.id),
  ).length;
  console.log(
    `Plan ${id}: ${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete, ` +
      `${summary.unchanged} in sync, ${summary.skipped} skipped, ${summary.refused} refused, ${unread} targets not read.`,
  );
  if (unread > 0 || summary.refused > 0) return { id, code: 1 };
  return { id, code: summary.pending > 0 ? 2 : 0 };
}
