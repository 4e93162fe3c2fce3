import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TPlanScope } from "@/lib/sync/plan/plan-scope";

// The targets a scope covers. A plan reads every one of them while the
// request waits, so the scope is bounded: past the bound the operator
// narrows it (a connection, a target) rather than holding a request open.

export const maxPlanTargets = 100;

async function targetIdsOf(db: DbOrTx, scope: TPlanScope): Promise<string[]> {
  const select = { id: true } as const;
  const orderBy = { name: "asc" } as const;
  switch (scope.kind) {
    case "all":
      return (
        await db.cloudTarget.findMany({ where: { connectionId: { not: null } }, select, orderBy })
      ).map((row) => row.id);
    case "connection": {
      const connection = await db.cloudConnection.findUnique({ where: { id: scope.id }, select });
      if (!connection) throw new AppError("not_found", { message: "No connection with this id." });
      return (
        await db.cloudTarget.findMany({ where: { connectionId: scope.id }, select, orderBy })
      ).map((row) => row.id);
    }
    case "target": {
      const target = await db.cloudTarget.findUnique({ where: { id: scope.id }, select });
      if (!target) throw new AppError("not_found", { message: "No target with this id." });
      return [target.id];
    }
    case "bindings": {
      const ids = [...new Set(scope.ids)];
      const rows = await db.binding.findMany({
        where: { id: { in: ids } },
        select: { targetId: true },
      });
      if (rows.length !== ids.length) {
        throw new AppError("not_found", { message: "One or more of these bindings do not exist." });
      }
      return [...new Set(rows.map((row) => row.targetId))];
    }
  }
}

export async function resolvePlanScope(db: DbOrTx, scope: TPlanScope): Promise<string[]> {
  const ids = await targetIdsOf(db, scope);
  if (ids.length > maxPlanTargets) {
    throw new AppError("validation_failed", {
      message: `This scope covers ${ids.length} targets; a plan reads at most ${maxPlanTargets}. Plan one connection or one target at a time.`,
    });
  }
  return ids;
}
