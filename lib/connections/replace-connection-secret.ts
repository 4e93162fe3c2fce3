import "server-only";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { connectionSelect, toConnectionDto } from "@/lib/connections/connection-dto";
import { sealedColumns } from "@/lib/connections/connection-secret";
import { lockConnection } from "@/lib/connections/load-connection-row";
import { resolveSecretInput } from "@/lib/connections/resolve-secret-input";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/common";
import type { TConnection, TConnectionSecretInput } from "@/lib/schemas/connection";

/**
 * Admin only: stores a new secret (an ambient connection becomes a secret
 * one). Its own audited action, recording when, never what; no version is
 * asked for, a secret replaced twice is simply the last one, but the version
 * moves so an edit form opened before it is told.
 */
export async function replaceConnectionSecret({
  id,
  input,
  ...caller
}: MutationCaller & { id: string; input: TConnectionSecretInput }): Promise<TConnection> {
  return auditedMutation(
    caller,
    { action: "connection.secret.replace", role: "admin" },
    async (tx) => {
      const current = isUuid(id) ? await lockConnection(tx, id) : null;
      if (!current) throw new AppError("not_found", { message: "No connection with this id." });
      const stored = current.authKind === "secret" ? current.secret : null;
      const secret = resolveSecretInput(current.cloud, input, { stored, prefix: "" });
      const row = await tx.cloudConnection.update({
        where: { id },
        data: {
          authKind: "secret",
          ...(await sealedColumns(id, current.cloud, secret)),
          version: { increment: 1 },
        },
        select: connectionSelect,
      });
      const connection = toConnectionDto(row);
      return {
        entityId: id,
        before: { auth: toConnectionDto(current).auth, version: current.version },
        after: { auth: connection.auth, version: connection.version },
        result: connection,
      };
    },
  );
}
