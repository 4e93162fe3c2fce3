import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { cliFormatOf, exportFilename, exportParts } from "@/lib/sync/export/export-code";
import { commentText } from "@/lib/sync/export/comment";
import {
  exportFormats,
  type ExportDocument,
  type ExportFormat,
} from "@/lib/sync/export/export-types";
import { loadTargetExport } from "@/lib/sync/export/load-export-source";
import {
  commandsHow,
  exportHeader,
  renderCommands,
  renderTerraform,
  terraformHow,
} from "@/lib/sync/export/render-parts";

// A plan as code, for teams that apply through their own pipeline: every
// target the plan would change, as the catalogue wants it now (a target's
// whole trust, since a role's policy is one document), in one Terraform file
// or one cloud's commands. Deletes are listed, not scripted: removing the
// resource from the configuration is how Terraform deletes, and a delete
// command is one an operator should type knowingly.

const isFormat = (format: string): format is ExportFormat =>
  (exportFormats as readonly string[]).includes(format);

export async function exportPlan({
  planId,
  format,
}: {
  planId: string;
  format: string;
}): Promise<ExportDocument> {
  if (!isFormat(format)) {
    throw new AppError("bad_request", {
      message: `Choose one of the formats ${exportFormats.join(", ")}.`,
      details: { formats: exportFormats },
    });
  }
  const plan = await getDb().syncPlan.findUnique({
    where: { id: planId },
    select: {
      id: true,
      operations: {
        where: {
          op: { in: ["create", "update", "delete"] },
          status: { notIn: ["refused", "skipped"] },
        },
        orderBy: { position: "asc" },
        select: { targetId: true, op: true, key: true, name: true },
      },
    },
  });
  if (!plan) throw new AppError("not_found", { message: "No plan with this id." });
  const changed = [
    ...new Set(plan.operations.filter((o) => o.op !== "delete").map((o) => o.targetId)),
  ];
  const deletes = plan.operations.filter((operation) => operation.op === "delete");
  const targets = [];
  for (const targetId of changed) {
    // A target deleted since the plan has nothing left to export.
    const loaded = await loadTargetExport(targetId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
    if (loaded) targets.push(loaded);
  }
  const included = targets.filter(
    ({ cloud }) => format === "terraform" || cliFormatOf(cloud) === format,
  );
  const left = targets.length - included.length;
  const what = `plan ${plan.id}, ${included.length} ${included.length === 1 ? "target" : "targets"} to create or update`;
  const values = included.flatMap(({ source }) => source.bindings.map((b) => b.cloudObject));
  let top = exportHeader(what, format === "terraform" ? terraformHow : commandsHow, values);
  if (left > 0) {
    top += `\n# ${left} more ${left === 1 ? "target is" : "targets are"} in another cloud: export the plan as Terraform or as that cloud's commands.`;
  }
  for (const operation of deletes) {
    top += `\n# The plan also deletes ${commentText(operation.key)} (${commentText(operation.name)}): ${format === "terraform" ? "remove it from your configuration" : "delete it with the cloud's CLI"}.`;
  }
  const parts = included.flatMap(({ cloud, source }) => exportParts(cloud, source));
  return {
    format,
    filename: exportFilename(`fedlens-plan-${plan.id.slice(0, 8)}`, format),
    text: format === "terraform" ? renderTerraform(top, parts) : renderCommands(top, parts),
  };
}
