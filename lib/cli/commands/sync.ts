import { systemActor } from "@/lib/auth/actor";
import { parseArgs, UsageError } from "@/lib/cli/args";
import { openDatabase } from "@/lib/cli/database";
import { createSyncPlan } from "@/lib/sync/plan/create-sync-plan";
import { getSyncPlan } from "@/lib/sync/plan/get-sync-plan";
import type { TPlanOperation, TSyncPlan } from "@/lib/sync/plan/plan-dto";
import { ZPlanScope, type TPlanScope } from "@/lib/sync/plan/plan-scope";

export const usage =
  "sync plan [--target ID | --connection ID]   read the clouds and print what an apply would change (exit 0: nothing to do, 2: changes pending, 1: a target unread or a change refused)";

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

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { target: "string", connection: "string" });
  if (args.positionals.join(" ") !== "plan") throw new UsageError("only `sync plan` is available");
  const scope = scopeOf(args.flags);
  const session = await openDatabase();
  try {
    return await planAndPrint(scope);
  } finally {
    await session.close();
  }
}

async function planAndPrint(scope: TPlanScope): Promise<number> {
  const actor = systemActor("cli");
  const { id } = await createSyncPlan({ actor, requestId: `cli-${Date.now()}`, scope });
  let plan = await getSyncPlan({ actor, planId: id, query: { limit: 500 } });
  const operations = [...plan.operations.data];
  while (plan.operations.meta.nextCursor) {
    const cursor = Number(plan.operations.meta.nextCursor);
    plan = await getSyncPlan({ actor, planId: id, query: { cursor, limit: 500 } });
    operations.push(...plan.operations.data);
  }
  for (const line of planLines(plan, operations)) console.log(line);
  const { summary } = plan;
  const unread = plan.targets.filter((target) => target.reason).length;
  console.log(
    `Plan ${id}: ${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete, ` +
      `${summary.unchanged} in sync, ${summary.skipped} skipped, ${summary.refused} refused, ${unread} targets not read.`,
  );
  if (unread > 0 || summary.refused > 0) return 1;
  return summary.pending > 0 ? 2 : 0;
}
