import "server-only";
import { auditedDelete, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { toConnectionDto } from "@/lib/connections/connection-dto";
import { findConnectionRow } from "@/lib/connections/load-connection-row";
import { AppError } from "@/lib/errors";

const namesShown = 5;

/** Admin only; refused while targets use the connection, naming them. */
export async function deleteConnection(caller: VersionedCaller): Promise<void> {
  const { id } = caller;
  await auditedDelete(
    caller,
    {
      action: "connection.delete",
      role: "admin",
      load: (tx) => findConnectionRow(tx, id),
      toDto: toConnectionDto,
    },
    async (tx) => {
      const targets = await tx.cloudTarget.findMany({
        where: { connectionId: id },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      });
      if (targets.length > 0) {
        const shown = targets.slice(0, namesShown).map((target) => `"${target.name}"`);
        const more = targets.length > namesShown ? ` and ${targets.length - namesShown} more` : "";
        throw new AppError("conflict", {
          message: `This connection is used by ${targets.length === 1 ? "target" : "targets"} ${shown.join(", ")}${more}; link them to another connection or to none first.`,
          details: { targets: targets.map((target) => ({ id: target.id, name: target.name })) },
        });
      }
      await tx.cloudConnection.delete({ where: { id } });
    },
  );
}
